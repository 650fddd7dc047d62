// class-validator interop against the real HBase (both gateway APIs; both decorator modes):
// entities are validated before anything is written, a refusal is an EntityValidationError naming
// properties and constraints (never values) and leaves HBase untouched (checked with raw reads),
// and validation can be configured or switched off per repository and per call.
// class-validator's decorators exist in the experimentalDecorators form only: they are applied
// here as plain calls (`IsEmail()(prototype, 'email')`), which works in both modes.
import 'reflect-metadata';
import { IsEmail, IsNotEmpty, Length, MaxLength, ValidateNested } from 'class-validator';
import {
  BeforeSave,
  Column,
  Connection,
  Embedded,
  Entity,
  EntityValidationError,
  InvalidArgumentError,
  Repository,
  RowKey,
  RowKeyFields,
  syncSchema,
  utf8,
} from '../../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`validator-${gatewayApi}-${process.env.DECORATORS ?? 'standard'}`);

class Address {
  @Column({ family: 'f', codec: utf8 }) city?: string;
}
IsNotEmpty()(Address.prototype, 'city');

@Entity({ table: 'accounts', families: { f: {} } })
class Account {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'f', codec: utf8 }) email?: string;
  @Column({ family: 'f', codec: utf8 }) name?: string;
  @Embedded(() => Address, { prefix: 'a_' }) address?: Address;

  @BeforeSave() defaults() {
    this.name ??= 'anonymous'; // hooks run first: validation sees what they set
  }
}
IsEmail()(Account.prototype, 'email');
Length(1, 12)(Account.prototype, 'name');
MaxLength(3, { groups: ['strict'] })(Account.prototype, 'id');
ValidateNested()(Account.prototype, 'address');

@Entity({ table: 'plain', families: { f: {} } })
class Unconstrained {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'f', codec: utf8 }) text?: string;
}

@Entity({ table: 'profiles', families: { f: {} } })
class Profile {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'f', codec: utf8 }) email?: string;
  // A constructor default that is invalid: an update must not validate it in place of what it omits.
  @Column({ family: 'f', codec: utf8 }) status: string = '';
}
IsEmail()(Profile.prototype, 'email');
IsNotEmpty()(Profile.prototype, 'status');

let admin: Connection;
let accounts: Repository<Account>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Account, Unconstrained, Profile]);
  accounts = new Repository(Account, admin);
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

const account = (fields: Partial<Account>) => Object.assign(new Account(), fields);
const rawRow = (key: string) => accounts.raw((table) => table.row(key));

async function validationError(promise: Promise<unknown>): Promise<EntityValidationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EntityValidationError);
  return error as EntityValidationError;
}

describe(`class-validator (${gatewayApi})`, () => {
  it('an invalid entity rejects the whole save; nothing is written; values never appear', async () => {
    const error = await validationError(
      accounts.save([
        account({ id: 'ok', email: 'ada@example.org' }),
        account({
          id: 'bad',
          email: 'secret-not-an-email',
          name: 'a name far too long',
          address: Object.assign(new Address(), { city: '' }),
        }),
      ]),
    );
    expect(error.entity).toBe('Account');
    expect(error.failures).toEqual([
      { argument: 'entities[1]', property: 'email', constraints: ['isEmail'] },
      { argument: 'entities[1]', property: 'name', constraints: ['isLength'] },
      { argument: 'entities[1]', property: 'address.city', constraints: ['isNotEmpty'] },
    ]);
    expect(error.message).toMatch(/entities\[1\]\.email \(isEmail\)/);
    expect(error.message).not.toMatch(/secret|far too long/);
    expect(await rawRow('ok')).toEqual({});
    expect(await rawRow('bad')).toEqual({});
  });

  it('valid entities are written, with what @BeforeSave set', async () => {
    await accounts.save(account({ id: 'ada', email: 'ada@example.org' }));
    expect((await accounts.findOneOrFail('ada')).name).toBe('anonymous');
  });

  it('validate: false per call, or per repository, writes without validating', async () => {
    await accounts.save(account({ id: 'x1', email: 'nope' }), { validate: false });
    expect((await rawRow('x1'))['f:email']?.toString()).toBe('nope');
    const lax = new Repository(Account, admin, { validate: false });
    await lax.save(account({ id: 'x2', email: 'nope' }));
    expect((await rawRow('x2'))['f:email']?.toString()).toBe('nope');
    // A call's setting wins over the repository's.
    await validationError(lax.save(account({ id: 'x3', email: 'nope' }), { validate: true }));
    expect(await rawRow('x3')).toEqual({});
  });

  it("class-validator options: the repository's and the call's merge", async () => {
    const strict = new Repository(Account, admin, { validate: { groups: ['strict'] } });
    const error = await validationError(strict.save(account({ id: 'long-id', email: 'not checked' })));
    expect(error.failures).toEqual([{ argument: 'entity', property: 'id', constraints: ['maxLength'] }]);
    await strict.save(account({ id: 'abc', email: 'not checked in this group' }));
    await validationError(strict.save(account({ id: 'abd', email: 'bad' }), { validate: { groups: [] } }));
  });

  it('update validates the changed properties only', async () => {
    await accounts.update('ada', { name: 'Ada' }); // email absent from the changes: not checked
    const error = await validationError(accounts.update('ada', { email: 'bad', address: { city: '' } }));
    expect(error.failures).toEqual([
      { argument: 'changes', property: 'email', constraints: ['isEmail'] },
      { argument: 'changes', property: 'address.city', constraints: ['isNotEmpty'] },
    ]);
    expect((await accounts.findOneOrFail('ada')).email).toBe('ada@example.org');
    await accounts.update('ada', { email: 'bad' }, { validate: false });
    expect((await accounts.findOneOrFail('ada')).email).toBe('bad');
  });

  it('entities without constraints are saved (not refused as unknown values)', async () => {
    const plain = new Repository(Unconstrained, admin);
    await plain.save(Object.assign(new Unconstrained(), { id: 'p1', text: 'free' }));
    expect((await plain.findOneOrFail('p1')).text).toBe('free');
  });

  it('entities given as plain objects are validated as instances of the class', async () => {
    // Hooks are found on the object's class: a plain object runs none (so it brings its name).
    const plain = { id: 'pl', name: 'Ada', email: 'not-an-email', address: { city: '' } } as Account;
    const error = await validationError(accounts.save(plain, { validate: true }));
    expect(error.failures).toEqual([
      { argument: 'entity', property: 'email', constraints: ['isEmail'] },
      { argument: 'entity', property: 'address.city', constraints: ['isNotEmpty'] },
    ]);
    // A value object given as a plain object inside an instance is validated as its class too.
    const nested = account({ id: 'ne', email: 'ada@example.org', address: { city: '' } as Address });
    expect((await validationError(accounts.save(nested))).failures).toEqual([
      { argument: 'entity', property: 'address.city', constraints: ['isNotEmpty'] },
    ]);
    expect(nested.address).not.toBeInstanceOf(Address); // the caller's object is left as it was
    expect(await rawRow('pl')).toEqual({});
    expect(await rawRow('ne')).toEqual({});
    await accounts.save({ id: 'pl', name: 'Ada', email: 'ada@example.org' } as Account);
    expect((await rawRow('pl'))['f:email']?.toString()).toBe('ada@example.org');
  });

  it('update validates what it was given, never constructor defaults', async () => {
    const profiles = new Repository(Profile, admin);
    await profiles.update('p1', { email: 'ada@example.org' }, { validate: true });
    expect((await profiles.findOneOrFail('p1')).email).toBe('ada@example.org');
    const error = await validationError(profiles.update('p1', { status: '' }));
    expect(error.failures).toEqual([
      { argument: 'changes', property: 'status', constraints: ['isNotEmpty'] },
    ]);
  });

  it('whitelist options, which would delete mapped fields, are refused', async () => {
    const entity = account({ id: 'wl', email: 'ada@example.org', name: 'Ada' });
    for (const option of ['whitelist', 'forbidNonWhitelisted'] as const) {
      await expect(accounts.save(entity, { validate: { [option]: true } as never })).rejects.toThrow(
        new RegExp(`options\\.validate\\.${option}`),
      );
      expect(() => new Repository(Account, admin, { validate: { [option]: true } as never })).toThrow(
        InvalidArgumentError,
      );
    }
    expect(entity.name).toBe('Ada');
    expect(await rawRow('wl')).toEqual({});
  });

  it('a malformed validate option is an InvalidArgumentError before anything runs', async () => {
    await expect(accounts.save(account({ id: 'y' }), { validate: 'yes' as never })).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(() => new Repository(Account, admin, { validate: 1 as never })).toThrow(/options\.validate/);
    expect(await rawRow('y')).toEqual({});
  });
});
