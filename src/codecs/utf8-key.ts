import { bytesToDecode } from './checks';
import type { KeyCodec } from './codec';
import { decodeUtf8, encodeUtf8 } from './utf8-text';

/**
 * Text as a variable-width, order-preserving row key: the same UTF-8 bytes as {@link utf8}.
 * UTF-8 byte order is Unicode code point order, so keys sort by code point. (That differs from
 * JavaScript's `<` on strings, which compares UTF-16 units: `'\u{1F600}' < '\uFFFF'` is true in
 * JavaScript, but the emoji's key sorts after.)
 *
 * Strict like `utf8`: unpaired surrogates and invalid UTF-8 are rejected. U+0000 is allowed; in a
 * {@link composite} key it is escaped.
 *
 * @example
 * ```ts
 * @RowKey({ codec: utf8Key }) username!: string;
 * ```
 */
export const utf8Key: KeyCodec<string> = Object.freeze({
  name: 'utf8Key',
  orderPreserving: true as const,
  fixedWidth: undefined,
  encode: (value: string): Buffer => encodeUtf8('utf8Key', value),
  decode: (bytes: Buffer): string => decodeUtf8('utf8Key', bytesToDecode('utf8Key', bytes)),
});
