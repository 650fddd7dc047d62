import { Filter } from '../../../src/client';

const A = Filter.prefix('a');
const B = Filter.keyOnly();
const C = Filter.page(1);
const D = Filter.firstKeyOnly();
const text = (filter: Filter) => filter.toString();

describe('AND and OR', () => {
  it('join filter calls without parentheses', () => {
    expect(text(Filter.and(A, B))).toBe("PrefixFilter('a') AND KeyOnlyFilter()");
    expect(text(A.or(B, C))).toBe("PrefixFilter('a') OR KeyOnlyFilter() OR PageFilter(1)");
  });

  it('flatten chains of one operator into one list', () => {
    expect(text(A.and(B).and(C))).toBe("PrefixFilter('a') AND KeyOnlyFilter() AND PageFilter(1)");
    expect(text(Filter.and(A, Filter.and(B, C), D))).toBe(
      "PrefixFilter('a') AND KeyOnlyFilter() AND PageFilter(1) AND FirstKeyOnlyFilter()",
    );
    expect(text(Filter.or(Filter.or(A, B), Filter.or(C, D)))).toBe(
      "PrefixFilter('a') OR KeyOnlyFilter() OR PageFilter(1) OR FirstKeyOnlyFilter()",
    );
  });

  it('parenthesize a list inside the other operator, whatever the precedence', () => {
    expect(text(A.or(B).and(C))).toBe("(PrefixFilter('a') OR KeyOnlyFilter()) AND PageFilter(1)");
    expect(text(A.and(B).or(C))).toBe("(PrefixFilter('a') AND KeyOnlyFilter()) OR PageFilter(1)");
    expect(text(Filter.or(A, Filter.and(B, C)))).toBe(
      "PrefixFilter('a') OR (KeyOnlyFilter() AND PageFilter(1))",
    );
    expect(text(Filter.and(Filter.or(A, B), Filter.or(C, D)))).toBe(
      "(PrefixFilter('a') OR KeyOnlyFilter()) AND (PageFilter(1) OR FirstKeyOnlyFilter())",
    );
  });

  it('return a single filter as it is', () => {
    expect(Filter.and(A)).toBe(A);
    expect(Filter.or(A)).toBe(A);
    expect(A.and()).toBe(A);
  });

  it('leave their operands unchanged', () => {
    const ab = A.and(B);
    ab.and(C);
    expect(text(ab)).toBe("PrefixFilter('a') AND KeyOnlyFilter()");
  });
});

describe('SKIP and WHILE', () => {
  it('prefix a filter call, and wrap anything else in parentheses', () => {
    expect(text(Filter.skip(A))).toBe("SKIP PrefixFilter('a')");
    expect(text(Filter.while(A))).toBe("WHILE PrefixFilter('a')");
    expect(text(Filter.skip(A.and(B)))).toBe("SKIP (PrefixFilter('a') AND KeyOnlyFilter())");
    expect(text(Filter.while(Filter.skip(A)))).toBe("WHILE (SKIP PrefixFilter('a'))");
  });

  it('are parenthesized as operands of AND and OR', () => {
    expect(text(Filter.skip(A).and(B))).toBe("(SKIP PrefixFilter('a')) AND KeyOnlyFilter()");
    expect(text(A.or(Filter.while(B)))).toBe("PrefixFilter('a') OR (WHILE KeyOnlyFilter())");
  });
});

describe('raw filter strings', () => {
  it('are sent as they are alone, and parenthesized when combined', () => {
    expect(text(Filter.raw("MyFilter('x')"))).toBe("MyFilter('x')");
    expect(Filter.raw(Buffer.from([0x41, 0x28, 0x29])).toBuffer()).toEqual(Buffer.from('A()'));
    expect(text(Filter.raw('A() OR B()').and(C))).toBe('(A() OR B()) AND PageFilter(1)');
    expect(text(Filter.skip(Filter.raw('A()')))).toBe('SKIP (A())');
  });
});
