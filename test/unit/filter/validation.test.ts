import { type Comparator, Filter, InvalidArgumentError } from '../../../src/client';

/** Asserts that building throws an InvalidArgumentError naming `argument`. */
function rejects(build: () => unknown, argument: string): void {
  let error: unknown;
  try {
    build();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).argument).toBe(argument);
  expect((error as Error).message).toContain(argument);
}

const any = (value: unknown) => value as never;

describe('filter arguments are validated when built', () => {
  it('rejects non-bytes where bytes are expected', () => {
    rejects(() => Filter.prefix(any(42)), 'prefix');
    rejects(() => Filter.inclusiveStop(any(null)), 'stopRow');
    rejects(() => Filter.columnPrefix(any(undefined)), 'prefix');
    rejects(() => Filter.multipleColumnPrefix(['a', any(1)]), 'prefixes[1]');
    rejects(() => Filter.binary(any({})), 'value');
    rejects(() => Filter.binaryPrefix(any([1])), 'prefix');
    rejects(() => Filter.singleColumnValue(any(1), 'q', '=', Filter.binary('x')), 'family');
    rejects(() => Filter.singleColumnValue('f', any(1), '=', Filter.binary('x')), 'qualifier');
    rejects(() => Filter.columnRange({ min: any(1) }), 'bounds.min');
    rejects(() => Filter.columnRange({ max: any(true) }), 'bounds.max');
  });

  it('rejects an empty family, list or filter string', () => {
    rejects(() => Filter.singleColumnValue('', 'q', '=', Filter.binary('x')), 'family');
    rejects(() => Filter.columnValue(Buffer.alloc(0), 'q', '=', Filter.binary('x')), 'family');
    rejects(() => Filter.dependentColumn('', 'q'), 'family');
    rejects(() => Filter.multipleColumnPrefix([]), 'prefixes');
    rejects(() => Filter.multipleColumnPrefix(any('a')), 'prefixes');
    rejects(() => Filter.timestamps([]), 'timestamps');
    rejects(() => Filter.raw('  '), 'expression');
    rejects(() => Filter.raw(any(1)), 'expression');
  });

  it('rejects counts that are negative, fractional, too large or not numbers', () => {
    rejects(() => Filter.page(-1), 'pageSize');
    rejects(() => Filter.page(1.5), 'pageSize');
    rejects(() => Filter.page(2n ** 63n), 'pageSize');
    rejects(() => Filter.page(any('10')), 'pageSize');
    rejects(() => Filter.columnCountGet(-1), 'limit');
    rejects(() => Filter.columnCountGet(2 ** 31), 'limit');
    rejects(() => Filter.columnPagination(-1, 0), 'limit');
    rejects(() => Filter.columnPagination(1, -1), 'offset');
    rejects(() => Filter.columnPagination(1, Number.NaN), 'offset');
    rejects(() => Filter.timestamps([1, -1]), 'timestamps[1]');
    rejects(() => Filter.timestamps([any('1')]), 'timestamps[0]');
    rejects(() => Filter.timestamps([2 ** 53]), 'timestamps[0]');
  });

  it('rejects unknown operators and anything but a built comparator', () => {
    rejects(() => Filter.value(any('=='), Filter.binary('x')), 'operator');
    rejects(() => Filter.row(any('<>'), Filter.binary('x')), 'operator');
    rejects(() => Filter.value('=', any('binary:x')), 'comparator');
    rejects(() => Filter.value('=', any({ type: 'binary', toString: () => 'binary:x' })), 'comparator');
    rejects(() => Filter.regex(any(/a/)), 'pattern');
    rejects(() => Filter.substring(any(Buffer.from('a'))), 'text');
  });

  it('allows only = and != with the regex and substring comparators', () => {
    for (const op of ['<', '<=', '>', '>='] as const) {
      rejects(() => Filter.value(any(op), Filter.regex('a')), 'operator');
      rejects(() => Filter.qualifier(any(op), Filter.substring('a')), 'operator');
      rejects(() => Filter.singleColumnValue('f', 'q', any(op), Filter.regex('a')), 'operator');
      rejects(
        () => Filter.dependentColumn('f', 'q', { operator: op, comparator: Filter.substring('a') }),
        'options.operator',
      );
      // The byte comparators take every operator.
      expect(() => Filter.value(op, Filter.binaryPrefix('a'))).not.toThrow();
    }
    expect(() => Filter.value('!=', Filter.regex('a'))).not.toThrow();
    expect(() => Filter.family('=', Filter.substring('a'))).not.toThrow();
  });

  it('rejects bad options, unknown options included', () => {
    rejects(() => Filter.keyOnly(any({ lengthAsValue: 1 })), 'options.lengthAsValue');
    rejects(() => Filter.keyOnly(any({ lenAsVal: true })), 'options.lenAsVal');
    rejects(
      () => Filter.singleColumnValue('f', 'q', '=', Filter.binary('x'), any({ filterIfMissing: 'yes' })),
      'options.filterIfMissing',
    );
    rejects(
      () => Filter.singleColumnValueExclude('f', 'q', '=', Filter.binary('x'), any({ latestVersion: true })),
      'options.latestVersion',
    );
    rejects(() => Filter.columnRange(any(undefined)), 'bounds');
    rejects(() => Filter.columnRange(any({ min: 'a', minInclusive: 'no' })), 'bounds.minInclusive');
    rejects(() => Filter.columnRange(any({ from: 'a' })), 'bounds.from');
    rejects(() => Filter.dependentColumn('f', 'q', { operator: '=' }), 'options.comparator');
    rejects(() => Filter.dependentColumn('f', 'q', { comparator: Filter.binary('x') }), 'options.operator');
    rejects(
      () =>
        Filter.dependentColumn('f', 'q', {
          dropDependentColumn: any(1),
          operator: '=',
          comparator: Filter.binary('x'),
        }),
      'options.dropDependentColumn',
    );
  });

  it('rejects operands that are not built filters', () => {
    rejects(() => Filter.and(), 'filters');
    rejects(() => Filter.or(Filter.keyOnly(), any('KeyOnlyFilter()')), 'filters[1]');
    rejects(() => Filter.keyOnly().and(any(Buffer.from('x'))), 'others[0]');
    rejects(() => Filter.keyOnly().or(Filter.keyOnly(), any(null)), 'others[1]');
    rejects(() => Filter.skip(any('KeyOnlyFilter()')), 'filter');
    rejects(() => Filter.while(any(undefined)), 'filter');
  });
});

// Compile-time checks (tsc over test/): the types reject what the run-time checks reject.
export function typeChecks(comparator: Comparator) {
  // @ts-expect-error: regex comparators allow only = and !=
  Filter.value('<', Filter.regex('a'));
  // @ts-expect-error: substring comparators allow only = and !=
  Filter.singleColumnValue('f', 'q', '>=', Filter.substring('a'));
  // @ts-expect-error: not an operator
  Filter.row('==', Filter.binary('a'));
  // @ts-expect-error: a comparator, not a comparator string
  Filter.value('=', 'binary:a');
  // @ts-expect-error: filters combine with filters, not strings
  Filter.and(Filter.keyOnly(), 'KeyOnlyFilter()');
  // @ts-expect-error: unknown option
  Filter.keyOnly({ lenAsVal: true });
  // A comparator of unknown type takes any operator at compile time (checked at run time).
  Filter.value('<', comparator);
  Filter.value('<', Filter.binaryPrefix(new Uint8Array([1])));
  const f: Filter = Filter.prefix(Buffer.from('a')).or(Filter.while(Filter.firstKeyOnly()));
  return f;
}
