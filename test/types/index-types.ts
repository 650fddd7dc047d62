// Compile-time checks of index lookups, enforced by `npm run typecheck` (tsc over test/, in both
// decorator modes): every `@ts-expect-error` below must stay an error, every other line must
// compile. Never executed.
import {
  Column,
  type Connection,
  Entity,
  type EntityIndex,
  Index,
  IndexFields,
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

@Index({ name: 'byPlanAndAge', fields: ['plan', 'age'] })
@Entity({ table: 'members', families: { info: {} } })
class Member {
  declare [IndexFields]?: { byEmail: 'email'; byPlanAndAge: ['plan', 'age'] };
  @RowKey({ codec: utf8 }) id!: string;
  @Index() @Column({ family: 'info', codec: utf8Key }) email?: string;
  @Column({ family: 'info', codec: utf8Key }) plan?: string;
  @Column({ family: 'info', codec: sortableInt32 }) age?: number;
}

export async function declared(connection: Connection): Promise<void> {
  const members = new Repository(Member, connection);
  await members.index('byEmail').find('ada@example.org');
  await members.index('byPlanAndAge').find(['pro']);
  await members
    .index('byPlanAndAge')
    .scan({ gte: ['pro', 18], lt: ['pro', 30] })
    .toArray();
  // @ts-expect-error: leading values start with the plan
  await members.index('byPlanAndAge').find([30]);
  // @ts-expect-error: a composite index takes an array of leading values
  await members.index('byPlanAndAge').find('pro');
  // @ts-expect-error: not a declared index
  members.index('byAge');
  // @ts-expect-error: nor is a value type given for a declared entity's other names
  members.index<string>('byNothing');
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
