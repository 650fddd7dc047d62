import type { OutputBuffer } from './output-buffer';
import { type ProtocolClass, TBinaryProtocol, TCompactProtocol } from './thrift-lib';

/**
 * @internal The thrift library's binary and compact protocols, with the methods that dominate
 * profiles replaced: writes go straight into an {@link OutputBuffer} instead of allocating a
 * Buffer per field, and the compact protocol reads 32-bit varints without a node-int64 object per
 * length. Everything else (and all of the decoding of the generated code) is inherited.
 */
class FastBinaryProtocol extends TBinaryProtocol {
  writeByte(value: number): void {
    this.trans.putByte(value);
  }

  writeI16(value: number): void {
    this.trans.putInt16(value);
  }

  writeI32(value: number): void {
    this.trans.putInt32(value);
  }

  writeI64(value: Parameters<OutputBuffer['putInt64']>[0]): void {
    this.trans.putInt64(value);
  }

  writeDouble(value: number): void {
    this.trans.putDouble(value);
  }

  writeStringOrBinary(name: string, encoding: BufferEncoding, value: unknown): void {
    const bytes = toWireBytes(name, encoding, value);
    this.trans.putInt32(bytes.length);
    this.trans.write(bytes);
  }
}

class FastCompactProtocol extends TCompactProtocol {
  writeByte(value: number): void {
    this.trans.putByte(value);
  }

  writeVarint32(value: number): void {
    this.trans.putVarint32(value);
  }

  writeStringOrBinary(name: string, encoding: BufferEncoding, value: unknown): void {
    const bytes = toWireBytes(name, encoding, value);
    this.trans.putVarint32(bytes.length);
    this.trans.write(bytes);
  }

  /** Same result as the library's (an unsigned 32-bit value), without going through Int64. */
  readVarint32(): number {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.trans.readByte();
      result |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result >>> 0;
    }
    throw new Error('varint longer than 5 bytes in a compact-protocol message');
  }
}

function toWireBytes(name: string, encoding: BufferEncoding, value: unknown): Buffer | Uint8Array {
  if (typeof value === 'string') return Buffer.from(value, encoding);
  if (value instanceof Uint8Array) return value;
  throw new Error(`${name} called without a string or Buffer: ${String(value)}`);
}

/** @internal Whether a protocol object speaks the binary protocol. */
export function isBinary(protocol: unknown): boolean {
  return protocol instanceof TBinaryProtocol;
}

/** @internal The protocol class for a protocol kind. */
export function fastProtocolClass(kind: 'binary' | 'compact'): ProtocolClass {
  return (kind === 'compact' ? FastCompactProtocol : FastBinaryProtocol) as unknown as ProtocolClass;
}
