import { types } from 'node:util';
import { bytesToDecode } from './checks';
import type { KeyCodec } from './codec';
import { CodecError } from './codec-error';

/** A codec of raw bytes that also encodes a plain `Uint8Array`. */
export interface BytesCodec extends KeyCodec<Buffer> {
  /** Returns the bytes as a Buffer (a view of a Uint8Array, never a copy). */
  encode(value: Buffer | Uint8Array): Buffer;
}

/**
 * Raw bytes, stored as they are. Copy-free: `encode` returns the Buffer it is given (or a view
 * of a Uint8Array) and `decode` returns the cell's Buffer itself, so mutating one mutates the
 * other; copy with `Buffer.from(value)` if you need to.
 *
 * Raw bytes sort as HBase sorts them, so this is also a (variable-width) row-key codec.
 *
 * @example
 * ```ts
 * @Column({ family: 'blob', codec: bytes }) thumbnail?: Buffer;
 * ```
 */
export const bytes: BytesCodec = Object.freeze({
  name: 'bytes',
  orderPreserving: true as const,
  fixedWidth: undefined,
  encode(value: Buffer | Uint8Array): Buffer {
    if (Buffer.isBuffer(value)) return value;
    if (types.isUint8Array(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    throw CodecError.invalidValue('bytes', 'a Buffer or Uint8Array', value);
  },
  decode: (value: Buffer): Buffer => bytesToDecode('bytes', value),
});
