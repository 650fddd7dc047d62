// An entity declared with standard decorators.
import { Column, Counter, Entity, RowKey, utf8 } from 'hbase-mapper';
import type { UserFields } from './exercise.js';

@Entity({ table: 'users', families: { info: { maxVersions: 1 }, stats: {} } })
export class User implements UserFields {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Counter({ family: 'stats' }) logins?: bigint;
}
