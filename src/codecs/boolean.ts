import { bytesToDecode, requireLength } from './checks';
import type { Codec } from './codec';
import { CodecError } from './codec-error';

/**
 * A boolean as one byte, like Java's `Bytes.toBytes(boolean)`: `0xff` for true, `0x00` for false.
 * Decoding follows `Bytes.toBoolean`: exactly one byte, any non-zero value is true.
 *
 * @example
 * ```ts
 * @Column({ family: 'info', codec: boolean }) active?: boolean;
 * ```
 */
export const boolean: Codec<boolean> = Object.freeze({
  name: 'boolean',
  encode(value: boolean): Buffer {
    if (typeof value !== 'boolean') throw CodecError.invalidValue('boolean', 'true or false', value);
    return Buffer.from([value ? 0xff : 0x00]);
  },
  decode(bytes: Buffer): boolean {
    bytes = bytesToDecode('boolean', bytes);
    requireLength('boolean', bytes, 1);
    return bytes[0] !== 0;
  },
});
