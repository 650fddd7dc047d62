// Compile-time checks of index lookups, enforced by `npm run typecheck` (tsc over test/, in both
// decorator modes): every `@ts-expect-error` below must stay an error, every other line must
// compile. Never executed.
import {
  Column,
  type Connection,
  Entity,
  type EntityIndex,
  Index,
  Repository,
  RowKey,
  sortableInt32,
  utf8,
  utf8Key,
} from '../../src';

@Index({ name: 'byPlanAndAge', fields: ['plan', 'age'] })
@Entity({ table: 'users', families: { info: {} } })
class User {
  @RowKey({ codec: utf8 }) id!: string;
  @Index() @Column({ family: 'info', codec: utf8Key }) email?: string | null;
  @Column({ family: 'info', codec: utf8Key }) plan?: string;
  @Index() @Column({ family: 'info', codec: sortableInt32 }) age?: number;
  greet(): string {
    return `hello ${this.id}`;
  }
}

export async function uses(connection: Connection): Promise<void> {
  const users = new Repository(User, connection);
  // A default name (`by` + field) types its values from the field.
  const byEmail: EntityIndex<User, string> = users.index('byEmail');
  await byEmail.find('ada@example.org');
  // @ts-expect-error: email is a string
  await users.index('byEmail').find(42);
  await users.index('byAge').scan({ gte: 18, lt: 30 }).toArray();
  // @ts-expect-error: age is a number
  users.index('byAge').scan({ gte: 'eighteen' });
  // Another name: the values' type is given (unknown by default).
  await users.index<readonly [string, number?]>('byPlanAndAge').find(['pro', 30]);
  // @ts-expect-error: the leading values are a tuple of string and number
  await users.index<readonly [string, number?]>('byPlanAndAge').find([30]);
  await users.index('byPlanAndAge').find(['pro']);
  // Methods give no default index name: `byGreet` takes the untyped overload.
  const greet: EntityIndex<User, unknown> = users.index('byGreet');
  greet.name;
}
