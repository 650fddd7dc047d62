import { types } from 'node:util';
import { bytesToDecode, requireLength } from './checks';
import type { Codec } from './codec';
import { CodecError } from './codec-error';

// The ECMAScript Date range: ±100,000,000 days around the epoch.
const MAX_DATE_MS = 8.64e15;

/**
 * A `Date` as its epoch milliseconds in 8 bytes big-endian (the {@link int64} bytes), which is
 * what Java writes with `Bytes.toBytes(date.getTime())` or `Bytes.toBytes(System.currentTimeMillis())`.
 *
 * Encoding rejects an invalid Date (`new Date('nope')`) instead of writing garbage; decoding
 * rejects a value outside the range a JavaScript Date can hold (±8.64e15 ms).
 *
 * Not order-preserving before 1970: for time-ordered row keys use {@link sortableInt64} of
 * `date.getTime()` (or {@link descending} of it, newest first).
 *
 * @example
 * ```ts
 * @Column({ family: 'info', codec: date }) createdAt?: Date;
 * ```
 */
export const date: Codec<Date> = Object.freeze({
  name: 'date',
  encode(value: Date): Buffer {
    // util.types.isDate also recognises Dates from another realm (vm contexts, test runners).
    const time = types.isDate(value) ? value.getTime() : Number.NaN;
    if (Number.isNaN(time)) throw CodecError.invalidValue('date', 'a valid Date', value);
    const buffer = Buffer.allocUnsafe(8);
    buffer.writeBigInt64BE(BigInt(time));
    return buffer;
  },
  decode(bytes: Buffer): Date {
    bytes = bytesToDecode('date', bytes);
    requireLength('date', bytes, 8);
    const time = bytes.readBigInt64BE(0);
    if (time > MAX_DATE_MS || time < -MAX_DATE_MS) {
      throw new CodecError('date', `expected epoch milliseconds within ±8.64e15, got ${time}`);
    }
    return new Date(Number(time));
  },
});
