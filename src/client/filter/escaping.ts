import { requireString } from '../validate';

/** The characters with a meaning in a `java.util.regex` pattern outside a character class. */
const JAVA_REGEX_METACHARACTERS = /[\\^$.|?*+()[\]{}]/g;

/** @internal Helpers that turn user input into literals of the filter language, gathered into `Filter`. */
export const escapingFactories = {
  /**
   * Escapes `text` so that, inside a pattern for `Filter.regex`, it matches itself and
   * nothing else: every `java.util.regex` metacharacter (`\ ^ $ . | ? * + ( ) [ ] { }`) gets a
   * backslash. Use it whenever user input goes into a pattern, and add the anchors yourself.
   *
   * @example
   * ```ts
   * const search = 'v1.2'; // user input: as a pattern, "." would match any character
   * Filter.row('=', Filter.regex(`^release-${Filter.escapeRegex(search)}$`));
   * ```
   */
  escapeRegex(text: string): string {
    return requireString(text, 'text').replace(JAVA_REGEX_METACHARACTERS, '\\$&');
  },

  /**
   * Quotes `text` as one byte argument of HBase's filter language: in single quotes, a quote
   * inside doubled (`it's` becomes `'it''s'`). Use it whenever user input goes into a filter
   * string written by hand (the `filter` scan option as a string, or `Filter.raw`): unquoted,
   * input such as `x') OR PrefixFilter('` rewrites the filter and widens the scan. The factories
   * (`Filter.prefix` and the others) quote their arguments themselves.
   *
   * @example
   * ```ts
   * const input = "O'Brien"; // user input
   * Filter.raw(`PrefixFilter(${Filter.quote(input)})`); // PrefixFilter('O''Brien')
   * ```
   */
  quote(text: string): string {
    return `'${requireString(text, 'text').replaceAll("'", "''")}'`;
  },
};
