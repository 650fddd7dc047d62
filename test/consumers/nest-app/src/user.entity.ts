import { Column, Counter, Entity, RowKey, RowKeyFields, utf8 } from 'hbase-mapper';

@Entity({ table: 'users', families: { info: { maxVersions: 1 }, stats: {} } })
export class User {
  declare [RowKeyFields]?: 'id'; // keys of Repository<User> are typed as strings
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Counter({ family: 'stats' }) logins?: bigint;
}

/** What the API returns for a user. */
export interface UserView {
  id: string;
  name?: string;
}

export const toView = ({ id, name }: User): UserView => ({ id, name });
