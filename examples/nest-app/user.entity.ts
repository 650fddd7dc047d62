// The entity of the example: a user row with a login counter.
import { Column, Counter, Entity, RowKey, utf8 } from 'hbase-mapper';

@Entity({ table: 'users', families: { info: { maxVersions: 1 }, stats: {} } })
export class User {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Column({ family: 'info', codec: utf8 }) email?: string;
  @Counter({ family: 'stats' }) logins?: bigint;
}

/** What the API returns for a user: JSON has no bigint, so the counter becomes a number. */
export interface UserView {
  id: string;
  name?: string;
  email?: string;
  logins: number;
}

export const toView = (user: User): UserView => ({
  id: user.id,
  name: user.name,
  email: user.email,
  logins: Number(user.logins ?? 0n),
});
