import { inspect } from 'node:util';
import { Filter } from '../../../src/client';

const text = (filter: Filter) => filter.toString();

describe('filter strings', () => {
  it('writes row filters', () => {
    expect(text(Filter.prefix('user-'))).toBe("PrefixFilter('user-')");
    expect(text(Filter.inclusiveStop('m'))).toBe("InclusiveStopFilter('m')");
    expect(text(Filter.page(10))).toBe('PageFilter(10)');
    expect(text(Filter.page(0))).toBe('PageFilter(0)');
    expect(text(Filter.page(2n ** 63n - 1n))).toBe('PageFilter(9223372036854775807)');
  });

  it('writes the compare filters with each operator and comparator', () => {
    expect(text(Filter.row('<', Filter.binary('m')))).toBe("RowFilter(<, 'binary:m')");
    expect(text(Filter.row('<=', Filter.binaryPrefix('m')))).toBe("RowFilter(<=, 'binaryprefix:m')");
    expect(text(Filter.family('=', Filter.binary('info')))).toBe("FamilyFilter(=, 'binary:info')");
    expect(text(Filter.qualifier('!=', Filter.regex('^a.*:b$')))).toBe(
      "QualifierFilter(!=, 'regexstring:^a.*:b$')",
    );
    expect(text(Filter.value('>', Filter.binary('5')))).toBe("ValueFilter(>, 'binary:5')");
    expect(text(Filter.value('>=', Filter.binary('5')))).toBe("ValueFilter(>=, 'binary:5')");
    expect(text(Filter.value('=', Filter.substring("o'k")))).toBe("ValueFilter(=, 'substring:o''k')");
  });

  it('writes the column filters', () => {
    expect(text(Filter.columnPrefix('ci'))).toBe("ColumnPrefixFilter('ci')");
    expect(text(Filter.multipleColumnPrefix(['a', 'b', Buffer.from([0xff])]))).toBe(
      "MultipleColumnPrefixFilter('a', 'b', '\uFFFD')",
    );
    expect(text(Filter.columnRange({ min: 'a', max: 'n' }))).toBe("ColumnRangeFilter('a', true, 'n', false)");
    expect(text(Filter.columnRange({ min: 'a', minInclusive: false, max: 'n', maxInclusive: true }))).toBe(
      "ColumnRangeFilter('a', false, 'n', true)",
    );
    expect(text(Filter.columnRange({ max: 'n' }))).toBe("ColumnRangeFilter('', true, 'n', false)");
    expect(text(Filter.columnRange({ min: 'a' }))).toBe("ColumnRangeFilter('a', true, '', false)");
    expect(text(Filter.columnPagination(5, 10))).toBe('ColumnPaginationFilter(5, 10)');
    expect(text(Filter.columnPagination(5))).toBe('ColumnPaginationFilter(5, 0)');
    expect(text(Filter.columnCountGet(3))).toBe('ColumnCountGetFilter(3)');
  });

  it('writes the single-column filters, with both flags or none', () => {
    expect(text(Filter.singleColumnValue('info', 'plan', '=', Filter.binary('pro')))).toBe(
      "SingleColumnValueFilter('info', 'plan', =, 'binary:pro')",
    );
    expect(
      text(Filter.singleColumnValue('info', 'plan', '=', Filter.binary('pro'), { filterIfMissing: true })),
    ).toBe("SingleColumnValueFilter('info', 'plan', =, 'binary:pro', true, true)");
    expect(
      text(
        Filter.singleColumnValue('info', 'plan', '!=', Filter.binary('pro'), { latestVersionOnly: false }),
      ),
    ).toBe("SingleColumnValueFilter('info', 'plan', !=, 'binary:pro', false, false)");
    expect(
      text(
        Filter.singleColumnValueExclude('info', 'plan', '=', Filter.substring('p'), {
          filterIfMissing: true,
        }),
      ),
    ).toBe("SingleColumnValueExcludeFilter('info', 'plan', =, 'substring:p', true, true)");
    expect(text(Filter.columnValue('info', '', '<', Filter.binary('x')))).toBe(
      "ColumnValueFilter('info', '', <, 'binary:x')",
    );
  });

  it('writes the three forms of DependentColumnFilter', () => {
    expect(text(Filter.dependentColumn('info', 'ref'))).toBe("DependentColumnFilter('info', 'ref')");
    expect(text(Filter.dependentColumn('info', 'ref', { dropDependentColumn: true }))).toBe(
      "DependentColumnFilter('info', 'ref', true)",
    );
    expect(
      text(Filter.dependentColumn('info', 'ref', { operator: '=', comparator: Filter.binary('r') })),
    ).toBe("DependentColumnFilter('info', 'ref', false, =, 'binary:r')");
  });

  it('writes the cell filters', () => {
    expect(text(Filter.keyOnly())).toBe('KeyOnlyFilter()');
    expect(text(Filter.keyOnly({ lengthAsValue: true }))).toBe('KeyOnlyFilter(true)');
    expect(text(Filter.keyOnly({ lengthAsValue: false }))).toBe('KeyOnlyFilter(false)');
    expect(text(Filter.firstKeyOnly())).toBe('FirstKeyOnlyFilter()');
    expect(text(Filter.timestamps([0, 1700000000000, 2n ** 62n]))).toBe(
      'TimestampsFilter(0, 1700000000000, 4611686018427387904)',
    );
  });

  it('quotes byte arguments: quotes doubled, binary bytes and UTF-8 kept exactly', () => {
    const value = Buffer.from([0x27, 0x00, 0xff, 0x29, 0x27, 0x27]); // ' NUL 0xff ) ' '
    expect(Filter.prefix(value).toBuffer()).toEqual(
      Buffer.concat([
        Buffer.from("PrefixFilter('"),
        Buffer.from([0x27, 0x27, 0x00, 0xff, 0x29, 0x27, 0x27, 0x27, 0x27]),
        Buffer.from("')"),
      ]),
    );
    expect(Filter.value('=', Filter.binary(new Uint8Array([0x00, 0xff]))).toBuffer()).toEqual(
      Buffer.concat([Buffer.from("ValueFilter(=, 'binary:"), Buffer.from([0x00, 0xff]), Buffer.from("')")]),
    );
    expect(Filter.prefix('é').toBuffer()).toEqual(Buffer.from("PrefixFilter('\u00e9')", 'utf8'));
    expect(text(Filter.prefix(''))).toBe("PrefixFilter('')");
    expect(text(Filter.prefix("it's"))).toBe("PrefixFilter('it''s')");
  });

  it('writes comparators', () => {
    expect(Filter.binary('a').type).toBe('binary');
    expect(Filter.binary("a'b").toString()).toBe("binary:a'b");
    expect(Filter.binaryPrefix('a').toString()).toBe('binaryprefix:a');
    expect(Filter.regex('^a:b').toString()).toBe('regexstring:^a:b');
    expect(Filter.substring('x').toString()).toBe('substring:x');
  });
});

describe('filter objects', () => {
  it('are immutable, and toBuffer() hands out a copy', () => {
    const filter = Filter.prefix('a');
    expect(Object.isFrozen(filter)).toBe(true);
    expect(Object.isFrozen(Filter)).toBe(true);
    expect(Object.isFrozen(Filter.binary('a'))).toBe(true);
    const bytes = filter.toBuffer();
    bytes.fill(0);
    expect(text(filter)).toBe("PrefixFilter('a')");
    const buffer = Buffer.from('b');
    const fromBuffer = Filter.prefix(buffer);
    buffer[0] = 0x63;
    expect(text(fromBuffer)).toBe("PrefixFilter('b')");
  });

  it('are told apart from filter strings', () => {
    expect(Filter.isFilter(Filter.keyOnly())).toBe(true);
    expect(Filter.isFilter('KeyOnlyFilter()')).toBe(false);
    expect(Filter.isFilter({ toBuffer: () => Buffer.alloc(0) })).toBe(false);
  });

  it('show their filter string when inspected', () => {
    expect(inspect(Filter.keyOnly())).toBe('Filter "KeyOnlyFilter()"');
  });
});
