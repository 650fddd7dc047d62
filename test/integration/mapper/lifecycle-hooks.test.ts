// @BeforeSave and @AfterLoad against the real HBase (both gateway APIs; both decorator modes): the
// order of nested hooks (base class, subclass, value objects), async hooks, every read calling
// @AfterLoad, and a throwing @BeforeSave that leaves HBase untouched (checked with raw reads).
import 'reflect-metadata';
import {
  AfterLoad,
  BeforeSave,
  Column,
  Connection,
  Embedded,
  Entity,
  Repository,
  RowKey,
  RowKeyFields,
  syncSchema,
  utf8,
} from '../../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`hooks-${gatewayApi}-${process.env.DECORATORS ?? 'standard'}`);

/** What the hooks did, in order. */
const calls: string[] = [];

class Address {
  @Column({ family: 'f', codec: utf8 }) city?: string;
  @Column({ family: 'f', codec: utf8 }) cityKey?: string;

  @BeforeSave() normalize() {
    calls.push(`Address.beforeSave ${this.city}`);
    this.cityKey = this.city?.toLowerCase();
  }

  @AfterLoad() loaded() {
    calls.push(`Address.afterLoad ${this.city}`);
  }
}

abstract class Audited {
  @Column({ family: 'f', codec: utf8 }) updatedBy?: string;

  @BeforeSave() audit() {
    calls.push(`Audited.beforeSave ${(this as unknown as Note).id}`);
    this.updatedBy = 'hooks';
  }

  @AfterLoad() overridden() {
    calls.push('Audited.overridden (never: the subclass overrides it)');
  }
}

@Entity({ table: 'notes', families: { f: {} } })
class Note extends Audited {
  declare [RowKeyFields]?: 'id';
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'f', codec: utf8 }) text?: string;
  @Embedded(() => Address, { prefix: 'a_' }) address?: Address;
  /** Not stored: derived on load. */
  length?: number;

  @BeforeSave() async check() {
    await new Promise((resolve) => setImmediate(resolve)); // an async hook is awaited
    calls.push(`Note.beforeSave ${this.id}`);
    if (this.text === 'forbidden') throw new Error('no forbidden notes');
    // The entity's hook runs before its value objects': it may still replace them.
    if (this.text === 'move') this.address = Object.assign(new Address(), { city: 'Moved' });
  }

  @AfterLoad() override overridden() {
    calls.push(`Note.afterLoad ${this.id}`);
    this.length = this.text?.length;
  }
}

let admin: Connection;
let notes: Repository<Note>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Note]);
  notes = new Repository(Note, admin);
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

beforeEach(() => {
  calls.length = 0;
});

const note = (fields: Partial<Note>) => Object.assign(new Note(), fields);

describe(`lifecycle hooks (${gatewayApi})`, () => {
  it('@BeforeSave: base class, subclass, then value objects, per entity in list order; before encoding', async () => {
    await notes.save([
      note({ id: 'n1', text: 'one', address: Object.assign(new Address(), { city: 'Paris' }) }),
      note({ id: 'n2', text: 'move' }),
    ]);
    expect(calls).toEqual([
      'Audited.beforeSave n1',
      'Note.beforeSave n1',
      'Address.beforeSave Paris',
      'Audited.beforeSave n2',
      'Note.beforeSave n2',
      'Address.beforeSave Moved',
    ]);
    // What the hooks set was written.
    const raw = await notes.raw((table) => table.row('n1'));
    expect(raw['f:updatedBy']?.toString()).toBe('hooks');
    expect(raw['f:a_cityKey']?.toString()).toBe('paris');
    expect((await notes.raw((table) => table.row('n2')))['f:a_city']?.toString()).toBe('Moved');
  });

  it('@AfterLoad: value objects first, then the entity (an override runs once), on every read', async () => {
    const one = await notes.findOneOrFail('n1');
    expect(calls).toEqual(['Address.afterLoad Paris', 'Note.afterLoad n1']);
    expect(one.length).toBe(3);
    calls.length = 0;
    await notes.findMany(['n1', 'n2']);
    expect(calls).toEqual([
      'Address.afterLoad Paris',
      'Note.afterLoad n1',
      'Address.afterLoad Moved',
      'Note.afterLoad n2',
    ]);
    calls.length = 0;
    const scanned = await notes.scan().toArray();
    expect(scanned.map((n) => n.length)).toEqual([3, 4]);
    expect(calls.filter((c) => c.startsWith('Note'))).toEqual(['Note.afterLoad n1', 'Note.afterLoad n2']);
    calls.length = 0;
    const page = await notes.page({ size: 1 });
    expect(page.items[0]?.length).toBe(3);
    expect(calls).toEqual(['Address.afterLoad Paris', 'Note.afterLoad n1']); // not for the row after the page
    calls.length = 0;
    expect(await notes.findOne('missing')).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it('a throwing @BeforeSave rejects the whole save and nothing of it is written', async () => {
    await expect(
      notes.save([note({ id: 'ok', text: 'fine' }), note({ id: 'bad', text: 'forbidden' })]),
    ).rejects.toThrow(/^no forbidden notes$/);
    expect(await notes.raw((table) => table.row('ok'))).toEqual({});
    expect(await notes.raw((table) => table.row('bad'))).toEqual({});
    expect(calls).toEqual([
      'Audited.beforeSave ok',
      'Note.beforeSave ok',
      'Audited.beforeSave bad',
      'Note.beforeSave bad',
    ]);
  });

  it('a throwing @AfterLoad rejects the read; a scan closes', async () => {
    await notes.save(note({ id: 'n3', text: 'boom' }));
    const original = Note.prototype.overridden;
    Note.prototype.overridden = function (this: Note) {
      if (this.text === 'boom') throw new Error('cannot load');
      return original.call(this);
    };
    try {
      await expect(notes.findOne('n3')).rejects.toThrow(/^cannot load$/);
      await expect(notes.scan().toArray()).rejects.toThrow(/^cannot load$/);
      await expect(notes.page({ size: 10 })).rejects.toThrow(/^cannot load$/);
    } finally {
      Note.prototype.overridden = original;
    }
  });

  it('update runs no hook (it takes changes, not an entity)', async () => {
    await notes.update('n1', { text: 'changed' });
    expect(calls).toEqual([]);
  });
});
