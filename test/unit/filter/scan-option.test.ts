// The internal helpers `Table.scan()` is meant to use for its `filter` option.
import { Filter, InvalidArgumentError } from '../../../src/client';
import { filtersWholeRows, toFilterBytes } from '../../../src/client/filter/to-filter-bytes';

describe('the filter scan option', () => {
  it('takes a built filter or a filter string', () => {
    expect(toFilterBytes(Filter.keyOnly(), 'options.filter')).toEqual(Buffer.from('KeyOnlyFilter()'));
    expect(toFilterBytes('KeyOnlyFilter()', 'options.filter')).toEqual(Buffer.from('KeyOnlyFilter()'));
    expect(toFilterBytes(new Uint8Array([0x41]), 'options.filter')).toEqual(Buffer.from('A'));
    expect(() => toFilterBytes(42, 'options.filter')).toThrow(InvalidArgumentError);
    expect(() => toFilterBytes({ toBuffer: () => Buffer.from('x') }, 'options.filter')).toThrow(
      /options\.filter: expected a Filter or a filter string/,
    );
  });

  it('knows which filters decide on whole rows (refused by HBase with scan batching)', () => {
    const scv = Filter.singleColumnValue('f', 'q', '=', Filter.binary('x'));
    for (const filter of [
      scv,
      Filter.singleColumnValueExclude('f', 'q', '=', Filter.binary('x')),
      Filter.dependentColumn('f', 'q'),
      Filter.page(1),
      Filter.skip(Filter.keyOnly()),
      Filter.while(Filter.keyOnly()),
      Filter.keyOnly().and(scv),
      Filter.or(Filter.keyOnly(), Filter.prefix('a').and(Filter.page(2))),
    ]) {
      expect(filtersWholeRows(filter)).toBe(true);
    }
    for (const filter of [
      Filter.keyOnly(),
      Filter.prefix('a').and(Filter.value('=', Filter.binary('x'))),
      Filter.columnValue('f', 'q', '=', Filter.binary('x')),
      Filter.raw("SingleColumnValueFilter('f', 'q', =, 'binary:x')"),
    ]) {
      expect(filtersWholeRows(filter)).toBe(false);
    }
    expect(filtersWholeRows('PageFilter(1)')).toBe(false);
  });
});
