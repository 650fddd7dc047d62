// Key objects and their errors: no server is needed, since a key is rejected before anything is
// sent. Runs in both decorator modes (jest projects unit and unit-legacy).
import 'reflect-metadata';
import {
  Connection,
  descending,
  Entity,
  Repository,
  RowKey,
  RowKeyFields,
  sortableInt64,
  utf8,
  utf8Key,
} from '../../../src';
import { encodeKey } from '../../../src/mapper/entity-mapping';
import { entityMetadata } from '../../../src/mapper/metadata/resolve-entity';
import { rejection } from '../../support/rejection';

@Entity({ table: 'events', families: { e: {} } })
class Event {
  declare [RowKeyFields]?: ['userId', 'at'];
  @RowKey({ part: 0, codec: utf8Key }) userId!: string;
  @RowKey({ part: 1, codec: descending(sortableInt64) }) at!: bigint;
}

// Never opened: every call below is rejected before a connection is needed.
const connection = new Connection({ host: '127.0.0.1', port: 9 });
const events = new Repository(Event, connection);

afterAll(() => connection.close());

describe('composite key objects', () => {
  it('a misspelt key field: the message names the missing field, the key fields and what was given', async () => {
    // `at` is also String.prototype.at and Array.prototype.at: only own properties count.
    const error = await rejection(events.findOne({ userId: 'ada', At: 17n } as never));
    expect(error.argument).toBe('key.at');
    expect(error.message).toBe(
      "Invalid key.at: expected an object with Event's key fields (userId, at); missing: at; given: userId, At, got undefined",
    );
  });

  it('a part missing, in a list of keys', async () => {
    const error = await rejection(events.findMany([{ userId: 'ada', at: 1n }, { userId: 'bob' }] as never));
    expect(error.argument).toBe('keys[1].at');
    expect(error.message).toMatch(/missing: at; given: userId,/);
  });

  it('a key given as a string object is not searched for key fields', async () => {
    const error = await rejection(events.findOne(new String('ada') as never));
    expect(error.message).toMatch(/an object with userId, at \(a composite key\), or a tuple/);
  });

  it('a prefix with a misspelt field names the key fields and what was given', () => {
    expect(() => events.scan({ prefix: { userID: 'ada' } as never })).toThrow(
      'Invalid options.prefix: expected leading key fields of Event in order (userId, at), without gaps; given: userID, got an object (Object)',
    );
  });
});

describe('entity instances as keys', () => {
  const meta = entityMetadata(Event);

  it('reads key fields defined by accessors on the prototype (a class getter)', () => {
    const withGetter = Object.assign(
      Object.create({
        get userId() {
          return 'ada';
        },
      }),
      { at: 1n },
    );
    expect(encodeKey(meta, withGetter)).toEqual(encodeKey(meta, ['ada', 1n]));
  });

  it('never reads key fields from Object.prototype', () => {
    @Entity({ table: 'shelves', families: { s: {} } })
    class Shelf {
      @RowKey({ codec: utf8 }) toString!: string; // a key field named like an Object.prototype member
    }
    expect(() => encodeKey(entityMetadata(Shelf), {})).toThrow(/missing: toString; given: none/);
  });
});
