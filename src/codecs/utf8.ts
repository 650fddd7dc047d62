import { bytesToDecode } from './checks';
import type { Codec } from './codec';
import { decodeUtf8, encodeUtf8 } from './utf8-text';

/**
 * Text as UTF-8, like Java's `Bytes.toBytes(String)` / `Bytes.toString(byte[])` and what the
 * HBase shell writes for a quoted value.
 *
 * Strict both ways, so what is read back is what was written: encoding rejects unpaired
 * surrogates, decoding rejects bytes that are not valid UTF-8 (store arbitrary bytes with
 * {@link bytes}). For row keys use {@link utf8Key}, the same bytes declared order-preserving.
 *
 * @example
 * ```ts
 * @Column({ family: 'info', codec: utf8 }) name?: string;
 * ```
 */
export const utf8: Codec<string> = Object.freeze({
  name: 'utf8',
  encode: (value: string): Buffer => encodeUtf8('utf8', value),
  decode: (bytes: Buffer): string => decodeUtf8('utf8', bytesToDecode('utf8', bytes)),
});
