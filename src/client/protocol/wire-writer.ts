import type { OutputBuffer } from './output-buffer';
import { ThriftType, type ThriftTypeCode } from './thrift-lib';

/** Message type of a call. */
const CALL = 1;

/**
 * @internal Writes Thrift values straight into an {@link OutputBuffer}, for the calls we encode
 * ourselves instead of through the generated argument structs (which copy every nested struct
 * once more on construction and go through a protocol object per call). Field headers take the
 * previous field's id because the compact protocol encodes the difference; encoders know their
 * fields' order, so no per-struct state is kept here.
 */
export interface WireWriter {
  /** Starts a call message. */
  callBegin(method: string, seqid: number): void;
  /** A field header; `previousId` is the id of the field written before it in the struct (0 for the first). */
  field(type: ThriftTypeCode, id: number, previousId: number): void;
  /** A bool field, header and value (the compact protocol stores the value in the header). */
  boolField(id: number, previousId: number, value: boolean): void;
  /** A binary value: its length, then its bytes. */
  binary(bytes: Uint8Array): void;
  /** An i64 value. */
  i64(value: bigint): void;
  /** An i32 value (an enum). */
  i32(value: number): void;
  /** A byte value. */
  byte(value: number): void;
  /** A list header. */
  listBegin(elementType: ThriftTypeCode, size: number): void;
  /** An empty `map<string, string>` value (the attributes every HBase call takes). */
  emptyStringMap(): void;
  /** The end of a struct. */
  structEnd(): void;
}

/** @internal Binary protocol: big-endian fixed-width integers, strict message header. */
export class BinaryWireWriter implements WireWriter {
  constructor(private readonly out: OutputBuffer) {}

  callBegin(method: string, seqid: number): void {
    this.out.putInt32(0x8001_0000 | CALL);
    this.binary(Buffer.from(method, 'latin1'));
    this.out.putInt32(seqid);
  }

  field(type: ThriftTypeCode, id: number): void {
    this.out.putFieldHeader(type, id);
  }

  boolField(id: number, _previousId: number, value: boolean): void {
    this.field(ThriftType.BOOL, id);
    this.out.putByte(value ? 1 : 0);
  }

  binary(bytes: Uint8Array): void {
    this.out.putBinary(bytes);
  }

  i64(value: bigint): void {
    this.out.putBigInt64(value);
  }

  i32(value: number): void {
    this.out.putInt32(value);
  }

  byte(value: number): void {
    this.out.putByte(value);
  }

  listBegin(elementType: ThriftTypeCode, size: number): void {
    this.out.putByte(elementType);
    this.out.putInt32(size);
  }

  emptyStringMap(): void {
    this.out.putByte(ThriftType.STRING);
    this.out.putByte(ThriftType.STRING);
    this.out.putInt32(0);
  }

  structEnd(): void {
    this.out.putByte(0);
  }
}

/** The compact protocol's own type ids, indexed by the binary protocol's. */
const compactType = new Uint8Array(16);
compactType[ThriftType.BOOL] = 1;
compactType[ThriftType.BYTE] = 3;
compactType[ThriftType.I32] = 5;
compactType[ThriftType.I64] = 6;
compactType[ThriftType.STRING] = 8;
compactType[ThriftType.STRUCT] = 12;
compactType[ThriftType.MAP] = 11;
compactType[ThriftType.LIST] = 9;
const COMPACT_TRUE = 1;
const COMPACT_FALSE = 2;

/** @internal Compact protocol: varints, field-id deltas, bools inside field headers. */
export class CompactWireWriter implements WireWriter {
  constructor(private readonly out: OutputBuffer) {}

  callBegin(method: string, seqid: number): void {
    this.out.putByte(0x82);
    this.out.putByte(1 | (CALL << 5));
    this.out.putVarint32(seqid);
    this.binary(Buffer.from(method, 'latin1'));
  }

  field(type: ThriftTypeCode, id: number, previousId: number): void {
    this.#header(compactType[type], id, previousId);
  }

  boolField(id: number, previousId: number, value: boolean): void {
    this.#header(value ? COMPACT_TRUE : COMPACT_FALSE, id, previousId);
  }

  binary(bytes: Uint8Array): void {
    this.out.putVarint32(bytes.length);
    this.out.write(bytes);
  }

  i64(value: bigint): void {
    // Zigzag: small magnitudes of either sign become small unsigned numbers.
    let n = BigInt.asUintN(64, (value << 1n) ^ (value >> 63n));
    while (n > 0x7fn) {
      this.out.putByte(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    this.out.putByte(Number(n));
  }

  i32(value: number): void {
    this.out.putVarint32(((value << 1) ^ (value >> 31)) >>> 0); // zigzag
  }

  byte(value: number): void {
    this.out.putByte(value);
  }

  listBegin(elementType: ThriftTypeCode, size: number): void {
    if (size <= 14) {
      this.out.putByte((size << 4) | compactType[elementType]);
    } else {
      this.out.putByte(0xf0 | compactType[elementType]);
      this.out.putVarint32(size);
    }
  }

  emptyStringMap(): void {
    this.out.putByte(0);
  }

  structEnd(): void {
    this.out.putByte(0);
  }

  #header(type: number, id: number, previousId: number): void {
    const delta = id - previousId;
    if (delta > 0 && delta <= 15) {
      this.out.putByte((delta << 4) | type);
    } else {
      this.out.putByte(type);
      this.out.putVarint32(((id << 1) ^ (id >> 31)) >>> 0); // an i16 is a zigzag varint
    }
  }
}

/**
 * @internal Ends the arguments of an HBase call whose last fields are an optional `timestamp`
 * (i64) and its `attributes` (a string map, always empty here): the `*Ts` twin of a method only
 * adds that timestamp, which moves the attributes one field id up. `lastField` is the id of the
 * field written before.
 */
export function endCallArgs(w: WireWriter, lastField: number, timestamp: bigint | undefined): void {
  let last = lastField;
  if (timestamp !== undefined) {
    w.field(ThriftType.I64, last + 1, last);
    w.i64(timestamp);
    last++;
  }
  w.field(ThriftType.MAP, last + 1, last);
  w.emptyStringMap();
  w.structEnd();
}
