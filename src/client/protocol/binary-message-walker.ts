import { checkLength, checkMethodNameLength, checkReplyType } from './message-header';
import { MESSAGE_HEADER, NONE, ResumableWalk, warmUp } from './resumable-walk';

// Binary-protocol type ids.
const STOP = 0;
const BOOL = 2;
const BYTE = 3;
const DOUBLE = 4;
const I16 = 6;
const I32 = 8;
const I64 = 10;
const STRING = 11;
const STRUCT = 12;
const MAP = 13;
const SET = 14;
const LIST = 15;
const UUID = 16;

/** A strict message's first word carries the version in its high half (as a signed int32). */
const VERSION_MASK = 0xffff0000 | 0;
const VERSION_1 = 0x80010000 | 0;

/** @internal Walks binary-protocol messages resumably (see {@link ResumableWalk}). */
export class BinaryMessageWalker extends ResumableWalk {
  feed(buffer: Buffer, start: number, end: number): number {
    const kinds = this.kinds;
    let p = start + this.position;
    let depth = this.depth;
    let type = this.pending;
    walk: for (;;) {
      if (type === NONE) {
        if (depth === 0) return this.finished(p - start);
        const top = depth - 1;
        if (kinds[top] === STRUCT) {
          if (p >= end) break;
          const fieldType = buffer[p]!;
          if (fieldType === STOP) {
            p += 1;
            depth = top;
            continue;
          }
          if (p + 3 > end) break;
          p += 3; // type and field id
          type = fieldType;
        } else {
          type = this.nextElementType(top, MAP);
          if (type === NONE) {
            depth = top;
            continue;
          }
        }
      }
      switch (type) {
        case BOOL:
        case BYTE:
          if (p + 1 > end) break walk;
          p += 1;
          break;
        case I16:
          if (p + 2 > end) break walk;
          p += 2;
          break;
        case I32:
          if (p + 4 > end) break walk;
          p += 4;
          break;
        case I64:
        case DOUBLE:
          if (p + 8 > end) break walk;
          p += 8;
          break;
        case UUID:
          if (p + 16 > end) break walk;
          p += 16;
          break;
        case STRING: {
          if (p + 4 > end) break walk;
          const after = p + 4 + length(buffer, p);
          if (after > end) break walk;
          p = after;
          break;
        }
        case STRUCT:
          this.push(depth++, STRUCT, 0, 0, 0);
          break;
        case MAP: {
          if (p + 6 > end) break walk;
          this.push(depth++, MAP, 2 * length(buffer, p + 2), buffer[p]!, buffer[p + 1]!);
          p += 6;
          break;
        }
        case SET:
        case LIST: {
          if (p + 5 > end) break walk;
          this.push(depth++, LIST, length(buffer, p + 1), buffer[p]!, 0);
          p += 5;
          break;
        }
        case MESSAGE_HEADER: {
          const after = binaryHeaderEnd(buffer, p, end);
          if (after < 0) break walk;
          p = after;
          type = STRUCT; // the arguments, result or exception
          continue walk;
        }
        default:
          throw new Error(`unknown Thrift type ${type} in a binary-protocol message`);
      }
      type = NONE;
    }
    return this.suspended(p - start, depth, type);
  }
}

const skipper = new BinaryMessageWalker();

/**
 * @internal Skips one binary-protocol value of the given type at `position` in a complete
 * message; returns the position after it. A value that runs past the end throws a RangeError.
 */
export function skipBinaryValue(buffer: Buffer, position: number, type: number): number {
  skipper.startValue(type);
  const size = skipper.feed(buffer, position, buffer.length);
  if (size < 0) throw new RangeError('binary value runs past the end of the message');
  return position + size;
}

/**
 * @internal The end of the message header at `p`, or -1 when it is not all there. Throws as soon
 * as the bytes that have arrived cannot start a reply (see message-header).
 */
export function binaryHeaderEnd(buffer: Buffer, p: number, end: number): number {
  if (p + 4 > end) return -1;
  const first = int32(buffer, p);
  if (first >= 0) {
    // An old non-strict message: name length, name, type byte, sequence id.
    checkMethodNameLength(first);
    const typeAt = p + 4 + first;
    if (typeAt >= end) return -1;
    checkReplyType(buffer[typeAt]!);
    const after = typeAt + 1 + 4;
    return after > end ? -1 : after;
  }
  if ((first & VERSION_MASK) !== VERSION_1) {
    throw new Error(`bad version 0x${(first >>> 0).toString(16)} in a binary-protocol message header`);
  }
  checkReplyType(first & 0xff);
  if (p + 8 > end) return -1;
  const nameLength = length(buffer, p + 4);
  checkMethodNameLength(nameLength);
  const after = p + 8 + nameLength + 4; // name, then sequence id
  return after > end ? -1 : after;
}

/** A length or count at `p`: an int32 that must not be negative. */
function length(buffer: Buffer, p: number): number {
  const value = int32(buffer, p);
  if (value < 0) throw new Error(`invalid length ${value} in a Thrift message`);
  return checkLength(value);
}

function int32(buffer: Buffer, p: number): number {
  return (buffer[p]! << 24) | (buffer[p + 1]! << 16) | (buffer[p + 2]! << 8) | buffer[p + 3]!;
}

warmUp(
  skipper,
  Buffer.from([
    ...[0x80, 0x01, 0, 2, 0, 0, 0, 1, 0x6d, 0, 0, 0, 1], // header: reply to "m", sequence id 1
    ...[BOOL, 0, 1, 1],
    ...[BYTE, 0, 2, 7],
    ...[I16, 0, 3, 0, 1],
    ...[I32, 0, 4, 0, 0, 0, 1],
    ...[I64, 0, 5, 0, 0, 0, 0, 0, 0, 0, 1],
    ...[DOUBLE, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0],
    ...[STRING, 0, 7, 0, 0, 0, 1, 0x61],
    ...[UUID, 0, 8, ...new Array<number>(16).fill(0)],
    ...[STRUCT, 0, 9, STOP],
    ...[MAP, 0, 10, STRING, STRUCT, 0, 0, 0, 1, 0, 0, 0, 1, 0x61, I32, 0, 1, 0, 0, 0, 1, STOP],
    ...[LIST, 0, 11, I64, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1],
    ...[SET, 0, 12, BYTE, 0, 0, 0, 0],
    STOP,
  ]),
);
