// Compile-time checks of @Embedded and the lifecycle hooks, enforced by `npm run typecheck` (tsc
// over test/, once with standard decorators and once with experimentalDecorators): every
// `@ts-expect-error` below must stay an error, every other line must compile. Never executed.
import {
  AfterLoad,
  BeforeSave,
  Column,
  type Connection,
  Embedded,
  Entity,
  Repository,
  RowKey,
  RowKeyFields,
  utf8,
} from '../../src';

class Address {
  @Column({ family: 'addr', codec: utf8 }) city?: string;
  @Column({ family: 'addr', codec: utf8 }) street?: string | null;
}

class Other {
  @Column({ family: 'addr', codec: utf8 }) label?: string;
}

@Entity({ table: 'customers', families: { addr: {} } })
class Customer {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8 }) id!: string;
  @Embedded(() => Address) home?: Address;
  @Embedded(() => Address, { prefix: 'w_', family: 'addr' }) work?: Address | null;
  // @ts-expect-error: the field's type is not the value-object class
  @Embedded(() => Address, { prefix: 'x_' }) wrong?: string;
  // @ts-expect-error: another value-object class
  @Embedded(() => Other, { prefix: 'o_' }) other?: Address;

  @BeforeSave() touch(): void {}
  @AfterLoad() async derive(): Promise<void> {}
  // @ts-expect-error: hooks decorate methods, not fields
  @BeforeSave() notAMethod?: string;
}

export async function uses(connection: Connection): Promise<void> {
  const customers = new Repository(Customer, connection, { validate: { groups: ['create'] } });
  await customers.save(new Customer(), { validate: false });
  await customers.update('c1', { home: { city: 'Paris', street: null } }, { validate: true });
  const selected = await customers.findOne('c1', { select: ['home'] });
  selected?.home?.city;
  // @ts-expect-error: only `home` was selected
  selected?.work;
  // @ts-expect-error: `validate` takes a boolean or class-validator options
  new Repository(Customer, connection, { validate: 'yes' });
}
