import { andFilters, quoteFilterArgument } from '../../src/client/filter-string';

describe('filter language helpers', () => {
  it('quotes arguments, doubling embedded quotes, keeping binary bytes', () => {
    expect(quoteFilterArgument(Buffer.from("it's")).toString()).toBe("'it''s'");
    expect(quoteFilterArgument(Buffer.from([0x00, 0x27, 0xff]))).toEqual(
      Buffer.from([0x27, 0x00, 0x27, 0x27, 0xff, 0x27]),
    );
    expect(quoteFilterArgument(Buffer.alloc(0)).toString()).toBe("''");
  });

  it('combines filters with AND', () => {
    expect(andFilters(undefined, Buffer.from('KeyOnlyFilter()')).toString()).toBe('KeyOnlyFilter()');
    expect(andFilters(Buffer.from('A()'), Buffer.from('B()')).toString()).toBe('(A()) AND (B())');
  });
});
