import { Filter, InvalidArgumentError } from '../../../src';

describe('Filter.escapeRegex', () => {
  it('puts a backslash before every java.util.regex metacharacter, and only those', () => {
    expect(Filter.escapeRegex('\\^$.|?*+()[]{}')).toBe('\\\\\\^\\$\\.\\|\\?\\*\\+\\(\\)\\[\\]\\{\\}');
    expect(Filter.escapeRegex('plain text-_,:\'"é😀')).toBe('plain text-_,:\'"é😀');
  });

  it('refuses a non-string, naming the argument', () => {
    expect(() => Filter.escapeRegex(5 as never)).toThrow(InvalidArgumentError);
    expect(() => Filter.escapeRegex(5 as never)).toThrow(/^Invalid text: expected a string/);
  });
});

describe('Filter.quote', () => {
  it('quotes in single quotes and doubles the quotes inside', () => {
    expect(Filter.quote('')).toBe("''");
    expect(Filter.quote("it's")).toBe("'it''s'");
    expect(Filter.quote("x') OR PrefixFilter('")).toBe("'x'') OR PrefixFilter('''");
  });

  it('refuses a non-string, naming the argument', () => {
    expect(() => Filter.quote(Buffer.from('x') as never)).toThrow(/^Invalid text: expected a string/);
  });
});
