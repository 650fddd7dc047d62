// Entity declarations and their validation. Runs in both decorator modes (jest projects `unit`
// with standard decorators and `unit-legacy` with experimentalDecorators + emitDecoratorMetadata).
import 'reflect-metadata';
import {
  Column,
  ColumnMap,
  Counter,
  defineEntity,
  descending,
  Entity,
  int32,
  MetadataError,
  RowKey,
  sortableInt64,
  utf8,
  utf8Key,
  Versions,
  validateEntity,
} from '../../../src';
import { entityMetadata } from '../../../src/mapper/metadata/resolve-entity';

const legacy = process.env.DECORATORS === 'legacy';

function expectMetadataError(entity: Function, pattern: RegExp, property?: string) {
  let error: unknown;
  try {
    validateEntity(entity as never);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MetadataError);
  expect((error as Error).message).toMatch(pattern);
  expect((error as MetadataError).entity).toBe(entity.name);
  if (property) expect((error as MetadataError).property).toBe(property);
}

describe(`entity metadata (${legacy ? 'experimentalDecorators' : 'standard decorators'})`, () => {
  it('records every kind of field', () => {
    @Entity({ table: 'users', families: { info: { maxVersions: 1 }, stats: {}, tags: {} } })
    class User {
      @RowKey({ codec: utf8 }) id!: string;
      @Column({ family: 'info', codec: utf8 }) name?: string;
      @Column({ family: 'info', qualifier: 'years', codec: int32 }) age?: number;
      @Counter({ family: 'stats' }) logins?: bigint;
      @Versions({ family: 'info', qualifier: 'status', codec: utf8, maxVersions: 5 })
      statusHistory?: unknown[];
      @ColumnMap({ family: 'tags', codec: utf8 }) tags?: Map<string, string>;
    }
    const meta = entityMetadata(User);
    expect(meta.table).toBe('users');
    expect(meta.keyParts.map((p) => p.property)).toEqual(['id']);
    expect(meta.columns.map((c) => c.columnName)).toEqual(['info:name', 'info:years']);
    expect(meta.counters.map((c) => c.columnName)).toEqual(['stats:logins']);
    expect(meta.versions.map((c) => [c.columnName, c.maxVersions])).toEqual([['info:status', 5]]);
    expect(meta.maps.map((m) => m.columnPrefix)).toEqual(['tags:']);
  });

  it('builds composite keys from numbered parts', () => {
    @Entity({ table: 'events', families: { e: {} } })
    class Event {
      @RowKey({ part: 1, codec: descending(sortableInt64) }) at!: bigint;
      @RowKey({ part: 0, codec: utf8Key }) userId!: string;
      @Column({ family: 'e', codec: utf8 }) kind?: string;
    }
    const meta = entityMetadata(Event);
    expect(meta.keyParts.map((p) => p.property)).toEqual(['userId', 'at']);
    expect(meta.encodeKeyPrefix).toBeDefined();
  });

  it('inherits mapped fields from a base class', () => {
    abstract class Audited {
      @Column({ family: 'meta', codec: utf8 }) createdBy?: string;
    }
    @Entity({ table: 'docs', families: { meta: {}, body: {} } })
    class Doc extends Audited {
      @RowKey({ codec: utf8 }) id!: string;
      @Column({ family: 'body', codec: utf8 }) text?: string;
    }
    expect(entityMetadata(Doc).columns.map((c) => c.property)).toEqual(['createdBy', 'text']);
  });

  it('takes the same metadata from a schema object', () => {
    class Plain {
      id!: string;
      note?: string;
      hits?: bigint;
    }
    defineEntity(Plain, {
      table: 'plain',
      families: { f: {} },
      rowKey: { id: { codec: utf8 } },
      columns: { note: { family: 'f', codec: utf8 } },
      counters: { hits: { family: 'f' } },
    });
    const meta = entityMetadata(Plain);
    expect(meta.columns.map((c) => c.columnName)).toEqual(['f:note']);
    expect(meta.counters.map((c) => c.columnName)).toEqual(['f:hits']);
  });

  describe('validation errors name the class and property', () => {
    it('a class that is not an entity', () => {
      class NotAnEntity {}
      expectMetadataError(NotAnEntity, /is not an entity/);
    });

    it('no row key', () => {
      @Entity({ table: 't', families: { f: {} } })
      class NoKey {
        @Column({ family: 'f', codec: utf8 }) a?: string;
      }
      expectMetadataError(NoKey, /has no row key/);
    });

    it('a column in an undeclared family', () => {
      @Entity({ table: 't', families: { f: {} } })
      class BadFamily {
        @RowKey({ codec: utf8 }) id!: string;
        @Column({ family: 'nope', codec: utf8 }) a?: string;
      }
      expectMetadataError(BadFamily, /column family "nope".*declared: f/, 'a');
    });

    it('two fields on one column', () => {
      @Entity({ table: 't', families: { f: {} } })
      class Twice {
        @RowKey({ codec: utf8 }) id!: string;
        @Column({ family: 'f', qualifier: 'x', codec: utf8 }) a?: string;
        @Column({ family: 'f', qualifier: 'x', codec: utf8 }) b?: string;
      }
      expectMetadataError(Twice, /"f:x", which a maps to already/, 'b');
    });

    it('a number field without a codec', () => {
      @Entity({ table: 't', families: { f: {} } })
      class Ambiguous {
        @RowKey({ codec: utf8 }) id!: string;
        @Column({ family: 'f' }) count?: number;
      }
      expectMetadataError(Ambiguous, /needs an explicit codec/, 'count');
    });

    it('a column inside a column map', () => {
      @Entity({ table: 't', families: { f: {} } })
      class Overlap {
        @RowKey({ codec: utf8 }) id!: string;
        @ColumnMap({ family: 'f', codec: utf8 }) all?: Map<string, string>;
        @Column({ family: 'f', codec: utf8 }) one?: string;
      }
      expectMetadataError(Overlap, /inside the @ColumnMap/, 'one');
    });

    it('composite key parts that are not order-preserving, or not numbered 0..n-1', () => {
      @Entity({ table: 't', families: { f: {} } })
      class Unordered {
        @RowKey({ part: 0, codec: utf8Key }) a!: string;
        @RowKey({ part: 1, codec: int32 }) b!: number;
      }
      expectMetadataError(Unordered, /order-preserving/, 'b');
      @Entity({ table: 't', families: { f: {} } })
      class Gap {
        @RowKey({ part: 0, codec: utf8Key }) a!: string;
        @RowKey({ part: 2, codec: utf8Key }) b!: string;
      }
      expectMetadataError(Gap, /numbered 0\.\.1/, 'b');
    });

    // The compiler rejects a @Counter on a field not typed bigint in both modes (test/types); at
    // run time, what each mode leaves of the type is checked.
    it('a counter initialized to a number or a string (both modes: the initial value)', () => {
      @Entity({ table: 't', families: { f: {} } })
      class InitializedCounter {
        @RowKey({ codec: utf8 }) id!: string;
        // @ts-expect-error: a counter must be a bigint field
        @Counter({ family: 'f' }) hits = 0;
      }
      expectMetadataError(InitializedCounter, /must be typed bigint.*initial value of type number/, 'hits');
      @Entity({ table: 't', families: { f: {} } })
      class TextCounter {
        @RowKey({ codec: utf8 }) id!: string;
        // @ts-expect-error: a counter must be a bigint field
        @Counter({ family: 'f' }) label: string | undefined = 'none';
      }
      expectMetadataError(TextCounter, /must be typed bigint.*initial value of type string/, 'label');
    });

    it('a counter initialized to a bigint, or not at all, is valid', () => {
      @Entity({ table: 't', families: { f: {} } })
      class Counted {
        @RowKey({ codec: utf8 }) id!: string;
        @Counter({ family: 'f' }) hits = 0n;
        @Counter({ family: 'f' }) misses?: bigint;
      }
      expect(entityMetadata(Counted).counters.map((c) => c.property)).toEqual(['hits', 'misses']);
    });

    it('a counter whose constructor needs arguments is checked where it is used, not here', () => {
      @Entity({ table: 't', families: { f: {} } })
      class NeedsArguments {
        @RowKey({ codec: utf8 }) id!: string;
        @Counter({ family: 'f' }) hits?: bigint;
        constructor(required: { id: string }) {
          this.id = required.id;
        }
      }
      expect(entityMetadata(NeedsArguments).counters).toHaveLength(1);
    });

    if (legacy) {
      it('a counter typed as number (type information from emitDecoratorMetadata)', () => {
        @Entity({ table: 't', families: { f: {} } })
        class NumberCounter {
          @RowKey() id!: string; // a string key's codec is inferred from its type
          // @ts-expect-error: a counter must be a bigint field (the run-time check below is the other guard)
          @Counter({ family: 'f' }) hits?: number;
        }
        expectMetadataError(NumberCounter, /must be typed bigint.*found the type Number/, 'hits');
      });
    } else {
      it('a key without codec when no type information exists', () => {
        @Entity({ table: 't', families: { f: {} } })
        class NoType {
          @RowKey() id!: string;
        }
        expectMetadataError(NoType, /no type information/, 'id');
      });
    }
  });
});
