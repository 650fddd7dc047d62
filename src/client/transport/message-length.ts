/**
 * @internal Finds where the first Thrift message in `buffer` ends, without decoding it, for
 * transports that do not frame messages (the buffered transport). Returns the message length, or
 * -1 when the buffer does not hold the whole message yet.
 *
 * Why: without it the only way to know whether a reply is complete is to decode it, and a large
 * reply (a scan batch) arrives in many socket chunks. Decoding from the start on every chunk, as
 * the thrift library's buffered receiver does, is quadratic and allocates a copy of every value
 * each time. This walk only reads type tags and lengths.
 */
export function messageLength(buffer: Buffer, length: number, protocol: 'binary' | 'compact'): number {
  const walker =
    protocol === 'compact' ? new CompactWalker(buffer, length) : new BinaryWalker(buffer, length);
  try {
    walker.message();
    return walker.position;
  } catch (error) {
    if (error === INCOMPLETE) return -1;
    throw error;
  }
}

/**
 * @internal Skips one binary-protocol value of the given type at `position` in a complete
 * message; returns the position after it.
 */
export function skipBinaryValue(buffer: Buffer, position: number, type: number): number {
  const walker = new BinaryWalker(buffer, buffer.length);
  walker.position = position;
  walker.value(type);
  return walker.position;
}

const INCOMPLETE = Symbol('incomplete');

/** Thrift type ids of the binary protocol (the compact protocol maps to these). */
const T = {
  STOP: 0,
  BOOL: 2,
  BYTE: 3,
  DOUBLE: 4,
  I16: 6,
  I32: 8,
  I64: 10,
  STRING: 11,
  STRUCT: 12,
  MAP: 13,
  SET: 14,
  LIST: 15,
  UUID: 16,
};

abstract class Walker {
  position = 0;

  constructor(
    protected readonly buffer: Buffer,
    protected readonly length: number,
  ) {}

  abstract message(): void;

  protected need(bytes: number): void {
    if (this.position + bytes > this.length) throw INCOMPLETE;
  }

  protected skip(bytes: number): void {
    if (bytes < 0) throw new Error(`invalid length ${bytes} in a Thrift message`);
    this.need(bytes);
    this.position += bytes;
  }

  protected byte(): number {
    this.need(1);
    return this.buffer[this.position++]!;
  }
}

class BinaryWalker extends Walker {
  message(): void {
    const first = this.i32();
    // Strict messages start with the version word; old non-strict ones with the name's length.
    if (first < 0) this.skip(this.i32());
    else this.skip(first + 1);
    this.skip(4); // sequence id
    this.value(T.STRUCT);
  }

  private i32(): number {
    this.need(4);
    const value = this.buffer.readInt32BE(this.position);
    this.position += 4;
    return value;
  }

  value(type: number): void {
    switch (type) {
      case T.BOOL:
      case T.BYTE:
        this.skip(1);
        return;
      case T.I16:
        this.skip(2);
        return;
      case T.I32:
        this.skip(4);
        return;
      case T.I64:
      case T.DOUBLE:
        this.skip(8);
        return;
      case T.UUID:
        this.skip(16);
        return;
      case T.STRING:
        this.skip(this.i32());
        return;
      case T.STRUCT:
        for (let field = this.byte(); field !== T.STOP; field = this.byte()) {
          this.skip(2);
          this.value(field);
        }
        return;
      case T.MAP: {
        const keyType = this.byte();
        const valueType = this.byte();
        for (let n = this.i32(); n > 0; n--) {
          this.value(keyType);
          this.value(valueType);
        }
        return;
      }
      case T.SET:
      case T.LIST: {
        const elementType = this.byte();
        for (let n = this.i32(); n > 0; n--) this.value(elementType);
        return;
      }
      default:
        throw new Error(`unknown Thrift type ${type} in a binary-protocol message`);
    }
  }
}

/** Compact-protocol type ids. */
const C = {
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
  UUID: 13,
};

class CompactWalker extends Walker {
  message(): void {
    this.skip(2); // protocol id, version and type
    this.varint(); // sequence id
    this.skip(this.varint()); // method name
    this.value(C.STRUCT);
  }

  private varint(): number {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      if (shift < 28) result |= (b & 0x7f) << shift;
      else result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result >>> 0 === result ? result : Number(result);
      if (shift > 63) throw new Error('varint too long in a compact-protocol message');
    }
  }

  private value(type: number, inCollection = false): void {
    switch (type) {
      case C.TRUE:
      case C.FALSE:
        // Booleans are folded into the field header, but take a byte inside collections.
        if (inCollection) this.skip(1);
        return;
      case C.BYTE:
        this.skip(1);
        return;
      case C.I16:
      case C.I32:
      case C.I64:
        this.varint();
        return;
      case C.DOUBLE:
        this.skip(8);
        return;
      case C.UUID:
        this.skip(16);
        return;
      case C.BINARY:
        this.skip(this.varint());
        return;
      case C.STRUCT:
        for (let header = this.byte(); header !== 0; header = this.byte()) {
          if (header >> 4 === 0) this.varint(); // long form: the field id follows
          this.value(header & 0x0f);
        }
        return;
      case C.LIST:
      case C.SET: {
        const header = this.byte();
        const size = header >> 4 === 0x0f ? this.varint() : header >> 4;
        for (let n = size; n > 0; n--) this.value(header & 0x0f, true);
        return;
      }
      case C.MAP: {
        const size = this.varint();
        if (size === 0) return;
        const types = this.byte();
        for (let n = size; n > 0; n--) {
          this.value(types >> 4, true);
          this.value(types & 0x0f, true);
        }
        return;
      }
      default:
        throw new Error(`unknown Thrift type ${type} in a compact-protocol message`);
    }
  }
}
