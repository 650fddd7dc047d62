import { CompactType } from './compact-types';
import { varintEnd, varintSize } from './compact-varint';
import { checkLength, checkMethodNameLength, checkReplyType } from './message-header';
import { MESSAGE_HEADER, NONE, ResumableWalk, warmUp } from './resumable-walk';

const { STOP, TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT, UUID } = CompactType;

const PROTOCOL_ID = 0x82;
const VERSION = 1;
const VERSION_MASK = 0x1f;

/** @internal Walks compact-protocol messages resumably (see {@link ResumableWalk}). */
export class CompactMessageWalker extends ResumableWalk {
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
          const header = buffer[p]!;
          if (header === STOP) {
            p += 1;
            depth = top;
            continue;
          }
          let after = p + 1;
          // No id delta in the high nibble: the field id follows as a varint.
          if (header < 0x10) {
            after = varintEnd(buffer, after, end);
            if (after < 0) break;
          }
          p = after;
          type = header & 0x0f;
          // A boolean field's value is its header's type; only in collections does it take a byte.
          if (type === TRUE || type === FALSE) type = NONE;
          continue;
        }
        type = this.nextElementType(top, MAP);
        if (type === NONE) {
          depth = top;
          continue;
        }
      }
      switch (type) {
        case TRUE:
        case FALSE:
        case BYTE:
          if (p + 1 > end) break walk;
          p += 1;
          break;
        case I16:
        case I32:
        case I64: {
          const after = varintEnd(buffer, p, end);
          if (after < 0) break walk;
          p = after;
          break;
        }
        case DOUBLE:
          if (p + 8 > end) break walk;
          p += 8;
          break;
        case UUID:
          if (p + 16 > end) break walk;
          p += 16;
          break;
        case BINARY: {
          const bytes = varintEnd(buffer, p, end);
          if (bytes < 0) break walk;
          const after = bytes + checkLength(varintSize(buffer, p, bytes));
          if (after > end) break walk;
          p = after;
          break;
        }
        case STRUCT:
          this.push(depth++, STRUCT, 0, 0, 0);
          break;
        case SET:
        case LIST: {
          if (p >= end) break walk;
          const header = buffer[p]!;
          let size = header >> 4;
          let after = p + 1;
          if (size === 0x0f) {
            // Sizes from 15 on follow as a varint.
            after = varintEnd(buffer, after, end);
            if (after < 0) break walk;
            size = checkLength(varintSize(buffer, p + 1, after));
          }
          this.push(depth++, LIST, size, header & 0x0f, 0);
          p = after;
          break;
        }
        case MAP: {
          const after = varintEnd(buffer, p, end);
          if (after < 0) break walk;
          const size = checkLength(varintSize(buffer, p, after));
          if (size === 0) {
            // An empty map has no key and value types byte.
            p = after;
            break;
          }
          if (after >= end) break walk;
          const types = buffer[after]!;
          this.push(depth++, MAP, 2 * size, types >> 4, types & 0x0f);
          p = after + 1;
          break;
        }
        case MESSAGE_HEADER: {
          const after = compactHeaderEnd(buffer, p, end);
          if (after < 0) break walk;
          p = after;
          type = STRUCT; // the arguments, result or exception
          continue walk;
        }
        default:
          throw new Error(`unknown Thrift type ${type} in a compact-protocol message`);
      }
      type = NONE;
    }
    return this.suspended(p - start, depth, type);
  }
}

/**
 * @internal The end of the message header at `p`, or -1 when it is not all there. Throws as soon
 * as the bytes that have arrived cannot start a reply (see message-header).
 */
export function compactHeaderEnd(buffer: Buffer, p: number, end: number): number {
  if (p >= end) return -1;
  if (buffer[p] !== PROTOCOL_ID) {
    throw new Error(`bad protocol id 0x${buffer[p]!.toString(16)} in a compact-protocol message header`);
  }
  if (p + 2 > end) return -1;
  const versionAndType = buffer[p + 1]!;
  if ((versionAndType & VERSION_MASK) !== VERSION) {
    throw new Error(`bad version ${versionAndType & VERSION_MASK} in a compact-protocol message header`);
  }
  checkReplyType(versionAndType >> 5);
  const sequenceIdEnd = varintEnd(buffer, p + 2, end);
  if (sequenceIdEnd < 0) return -1;
  const nameStart = varintEnd(buffer, sequenceIdEnd, end);
  if (nameStart < 0) return -1;
  const nameLength = varintSize(buffer, sequenceIdEnd, nameStart);
  checkMethodNameLength(nameLength);
  const after = nameStart + nameLength;
  return after > end ? -1 : after;
}

warmUp(
  new CompactMessageWalker(),
  Buffer.from([
    ...[PROTOCOL_ID, 0x41, 1, 1, 0x6d], // header: reply to "m", sequence id 1
    0x10 | TRUE,
    0x10 | FALSE,
    ...[0x10 | BYTE, 7],
    ...[0x10 | I16, 2],
    ...[0x10 | I32, 2],
    ...[0x10 | I64, 0x80, 0x01],
    ...[0x10 | DOUBLE, 0, 0, 0, 0, 0, 0, 0, 0],
    ...[0x10 | BINARY, 1, 0x61],
    ...[0x10 | UUID, ...new Array<number>(16).fill(0)],
    ...[0x10 | STRUCT, STOP],
    ...[0x10 | MAP, 1, (BINARY << 4) | STRUCT, 1, 0x61, 0x10 | I32, 2, STOP],
    ...[0x10 | MAP, 0],
    ...[0x10 | LIST, 0x20 | TRUE, 1, 2],
    ...[0x10 | SET, 0xf0 | BYTE, 15, ...new Array<number>(15).fill(0)],
    ...[I32, 0x90, 0x03, 2], // long form: field id 200
    STOP,
  ]),
);
