// toRow / fromRow, lenient decoding and delimited composite keys, without a server. Runs in both
// decorator modes.
import 'reflect-metadata';
import {
  CodecError,
  Column,
  ColumnMap,
  type DecodeFailure,
  decimalString,
  defineEntity,
  Entity,
  fromRow,
  InvalidArgumentError,
  int8,
  MetadataError,
  RowKey,
  toRow,
  utf8,
  Versions,
  validateEntity,
} from '../../../src';
import { encodeKeyPrefix } from '../../../src/mapper/entity-mapping';
import { entityMetadata } from '../../../src/mapper/metadata/resolve-entity';

@Entity({ table: 't', families: { f: {}, m: {}, h: { maxVersions: 3 } } })
class Item {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'f', codec: int8 }) small?: number | null;
  @Column({ family: 'f', codec: utf8 }) name?: string;
  @ColumnMap({ family: 'm', codec: utf8 }) labels?: Map<string, string> | null;
  @Versions({ family: 'h', qualifier: 'v', codec: utf8 }) history?: Array<{
    value: string;
    timestamp?: number;
  }>;
}

describe('toRow', () => {
  it('returns the key, cells, deletes and timed versions that save writes', () => {
    const item = Object.assign(new Item(), {
      id: 'k1',
      small: null,
      name: 'n',
      labels: new Map([['a', 'x']]),
      history: [{ value: 'now' }, { value: 'then', timestamp: 5 }],
    });
    const row = toRow(Item, item);
    expect(row.key).toEqual(Buffer.from('k1'));
    expect(row.cells).toEqual({
      'f:name': Buffer.from('n'),
      'm:a': Buffer.from('x'),
      'h:v': Buffer.from('now'),
    });
    expect(row.deletes).toEqual(['f:small']);
    expect(row.timed).toEqual([{ column: 'h:v', value: Buffer.from('then'), timestamp: 5 }]);
    expect(toRow(Item, Object.assign(new Item(), { id: 'k1', labels: null })).deletes).toEqual(['m']);
  });

  it('rejects what save rejects, naming the argument', () => {
    expect(() => toRow(Item, null as never)).toThrow(InvalidArgumentError);
    expect(() => toRow(Item, Object.assign(new Item(), { small: 1 }))).toThrow(
      expect.objectContaining({ argument: 'entity.id' }),
    );
    expect(() => toRow(Item, Object.assign(new Item(), { id: 'k', small: 300 }))).toThrow(
      expect.objectContaining({ argument: 'entity.small', cause: expect.any(CodecError) }),
    );
  });
});

describe('fromRow', () => {
  it('inverts toRow', () => {
    const item = Object.assign(new Item(), { id: 'k2', small: -3, name: 'n', labels: new Map([['a', 'x']]) });
    const row = toRow(Item, item);
    const back = fromRow(Item, row.key, row.cells);
    expect(back).toBeInstanceOf(Item);
    expect(back).toEqual(item);
  });

  it('reports undecodable cells to onDecodeError and leaves their fields undefined', () => {
    const failures: DecodeFailure[] = [];
    const entity = fromRow(
      Item,
      'k3',
      {
        'f:small': Buffer.from([1, 2]),
        'f:name': Buffer.from('ok'),
        'm:bad': Buffer.from([0xff]),
        'm:good': Buffer.from('g'),
      },
      { onDecodeError: (f) => failures.push(f) },
    );
    expect(entity.small).toBeUndefined();
    expect(entity.name).toBe('ok');
    expect(entity.labels).toEqual(new Map([['good', 'g']]));
    expect(failures.map((f) => [f.property, f.column, f.error.codec])).toEqual([
      ['small', 'f:small', 'int8'],
      ['labels', 'm:bad', 'utf8'],
    ]);
    expect(() => fromRow(Item, 'k3', { 'f:small': Buffer.from([1, 2]) })).toThrow(CodecError);
  });

  it('rejects bad arguments', () => {
    expect(() => fromRow(Item, 'k', null as never)).toThrow(expect.objectContaining({ argument: 'row' }));
    expect(() => fromRow(Item, 'k', {}, { onDecodeError: 'skip' as never })).toThrow(
      expect.objectContaining({ argument: 'options.onDecodeError' }),
    );
    expect(() => fromRow(Item, 'k', {}, { other: 1 } as never)).toThrow(InvalidArgumentError);
  });
});

describe('keyDelimiter', () => {
  it('joins composite key parts as text, with any codec per part', () => {
    @Entity({ table: 'r', families: { f: {} }, keyDelimiter: '|' })
    class Region {
      @RowKey({ part: 0, codec: utf8 }) country!: string;
      @RowKey({ part: 1, codec: decimalString }) id!: number;
    }
    const meta = entityMetadata(Region);
    expect(meta.keyCodec.encode(['IND', 1]).toString()).toBe('IND|1');
    expect(encodeKeyPrefix(meta, { country: 'IND' }, 'options.prefix').toString()).toBe('IND|');
    expect(fromRow(Region, 'USA|42', {})).toMatchObject({ country: 'USA', id: 42 });
  });

  it('works with defineEntity', () => {
    class Pair {
      a!: string;
      b!: string;
    }
    defineEntity(Pair, {
      table: 'p',
      families: { f: {} },
      keyDelimiter: ':',
      rowKey: { a: { part: 0, codec: utf8 }, b: { part: 1, codec: utf8 } },
    });
    expect(toRow(Pair, Object.assign(new Pair(), { a: 'x', b: 'y' })).key.toString()).toBe('x:y');
  });

  it('is rejected on a single-field key or when empty', () => {
    @Entity({ table: 's', families: { f: {} }, keyDelimiter: '#' })
    class Single {
      @RowKey({ codec: utf8 }) id!: string;
    }
    expect(() => validateEntity(Single)).toThrow(MetadataError);
    expect(() => validateEntity(Single)).toThrow(/composite key/);
    @Entity({ table: 'e', families: { f: {} }, keyDelimiter: '' })
    class Empty {
      @RowKey({ part: 0, codec: utf8 }) a!: string;
      @RowKey({ part: 1, codec: utf8 }) b!: string;
    }
    expect(() => validateEntity(Empty)).toThrow(/non-empty string/);
  });
});
