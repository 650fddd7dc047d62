import { bytesToDecode } from './checks';
import type { Codec } from './codec';
import { CodecError } from './codec-error';
import { decodeUtf8 } from './utf8-text';

// Plain decimal notation with an optional exponent, as written by JavaScript, Java
// (Long/Double/BigDecimal.toString) and people in the HBase shell; no hex, no spaces, no "Infinity".
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A number as its decimal text, e.g. `42` or `3.25`, readable and writable in the HBase shell
 * (`put 't', 'row', 'cf:price', '3.25'`).
 *
 * Encoding writes JavaScript's shortest exact form (`String(value)`, so `1e+21` for large
 * values, and `-0` for -0) and rejects NaN and ±Infinity. Decoding accepts decimal text with an
 * optional sign, fraction and exponent (`1.5E+3`), and rejects anything else, including text
 * whose value overflows to Infinity. Integers beyond 2^53 are rounded to the nearest double.
 *
 * @example
 * ```ts
 * @Column({ family: 'info', codec: decimalString }) price?: number;
 * ```
 */
export const decimalString: Codec<number> = Object.freeze({
  name: 'decimalString',
  encode(value: number): Buffer {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw CodecError.invalidValue('decimalString', 'a finite number', value);
    }
    return Buffer.from(Object.is(value, -0) ? '-0' : String(value), 'latin1');
  },
  decode(bytes: Buffer): number {
    const text = decodeUtf8('decimalString', bytesToDecode('decimalString', bytes));
    const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(value)) {
      throw CodecError.invalidValue('decimalString', 'the decimal text of a finite number', text);
    }
    return value;
  },
});
