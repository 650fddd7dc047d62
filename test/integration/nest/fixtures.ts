// Entities and helpers shared by the NestJS suites (compiled with experimentalDecorators, as a
// NestJS app is).
import 'reflect-metadata';
import { Column, Connection, Counter, Entity, RowKey, utf8 } from '../../../src';
import { dropPrefixedTables, gateways } from '../../support/gateway';

@Entity({ table: 'users', families: { info: { maxVersions: 1 }, stats: {} } })
export class User {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string | null;
  @Column({ family: 'info', codec: utf8 }) email?: string | null;
  @Counter({ family: 'stats' }) logins?: bigint;
}

@Entity({ table: 'events', families: { e: {} } })
export class Event {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'e', codec: utf8 }) kind?: string;
}

/** Builds a `User` from its fields. */
export const user = (fields: Partial<User>): User => Object.assign(new User(), fields);

/** Pool options for the local gateway with a table prefix. */
export const poolOptions = (tablePrefix: string) => ({ size: 2, ...gateways.default(), tablePrefix });

/** The tables with this prefix, as a fresh connection sees them. */
export async function tablesWithPrefix(tablePrefix: string): Promise<string[]> {
  return Connection.using({ ...gateways.default(), tablePrefix }, async (c) => (await c.tables()).sort());
}

/** Drops every table with this prefix. */
export async function dropTables(tablePrefix: string): Promise<void> {
  await Connection.using({ ...gateways.default(), tablePrefix }, dropPrefixedTables);
}
