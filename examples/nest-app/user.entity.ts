// The entity of the example: a user row with a login counter.
import { Column, Counter, Entity, RowKey, RowKeyFields, utf8 } from 'hbase-mapper';

@Entity({ table: 'users', families: { info: { maxVersions: 1 }, stats: {} } })
export class User {
  declare [RowKeyFields]?: 'id'; // types the repository's keys: findOne('u1')
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Column({ family: 'info', codec: utf8 }) email?: string;
  // A bigint: BigIntToStringInterceptor (registered in app.module.ts) sends it as a decimal string.
  @Counter({ family: 'stats' }) logins?: bigint;
}
