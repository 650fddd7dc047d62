import { compactRead, readCompactVarint } from '../protocol/compact-reader';
import { CompactType } from '../protocol/compact-types';
import type { ProtocolKind } from '../protocol/protocol-kind';
import { BinaryResultBatch } from './binary-result-batch';
import { CompactResultBatch } from './compact-result-batch';
import type { ResultBatch } from './result-batch';

/**
 * @internal The Thrift2 methods whose result is rows: one `TResult` (`get`, and `increment`, whose
 * result holds the counters' new cells) or a `list<TResult>`.
 * Their successful replies are read by {@link decodeResultsReply} instead of the generated code.
 */
export const RESULT_METHODS: ReadonlyMap<string, 'one' | 'list'> = new Map([
  ['get', 'one'],
  ['increment', 'one'],
  ['getMultiple', 'list'],
  ['getScannerRows', 'list'],
] as const);

/** Binary-protocol type ids of the success field. */
const BINARY_STRUCT = 12;
const BINARY_LIST = 15;
const STOP = 0;

/**
 * @internal Reads the result struct of a {@link RESULT_METHODS} reply that starts at `position`
 * when it is a success: the rows' positions now (throwing on bytes that are not such a reply),
 * their objects as they are consumed (see {@link ResultBatch}). Returns undefined when the first
 * field is not the success (an exception), which the generated decoder then handles.
 */
export function decodeResultsReply(
  buffer: Buffer,
  position: number,
  protocol: ProtocolKind,
  shape: 'one' | 'list',
): ResultBatch | undefined {
  const one = shape === 'one';
  let p = position;
  let count = 1;
  if (protocol === 'binary') {
    // The success field: its type, then id 0 as a big-endian i16.
    if (buffer[p] !== (one ? BINARY_STRUCT : BINARY_LIST) || buffer[p + 1] !== 0 || buffer[p + 2] !== 0) {
      return undefined;
    }
    p += 3;
    if (!one) {
      if (buffer[p] !== BINARY_STRUCT) throw new RangeError('a result list whose elements are not structs');
      count = buffer.readInt32BE(p + 1);
      if (count < 0) throw new RangeError(`negative list size ${count}`);
      p += 5;
    }
  } else {
    // Field 0 cannot be a delta from the struct's start (0): the type byte, then the id as a
    // zigzag varint (0).
    if (buffer[p] !== (one ? CompactType.STRUCT : CompactType.LIST) || buffer[p + 1] !== 0) return undefined;
    p += 2;
    if (!one) {
      const header = buffer[p];
      if (header === undefined || (header & 0x0f) !== CompactType.STRUCT) {
        throw new RangeError('a result list whose elements are not structs');
      }
      count = header >> 4;
      p++;
      if (count === 15) {
        p = readCompactVarint(buffer, p);
        count = compactRead.value;
      }
    }
  }
  const batch =
    protocol === 'binary' ? new BinaryResultBatch(buffer, count) : new CompactResultBatch(buffer, count);
  p = batch.readResults(p, count);
  // Then the end of the result struct, which ends the message.
  if (buffer[p] !== STOP || p + 1 !== buffer.length) {
    throw new RangeError(`${buffer.length - p} bytes after the result instead of the end of the reply`);
  }
  return batch;
}
