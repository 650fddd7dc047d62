import type { BigIntCodec } from './codec-types';
import { bigEndianInt64 } from './int64';

/**
 * An HBase counter: the 8-byte big-endian signed integer that atomic increments
 * (`table.counterInc`, the shell's `incr`, Java's `Increment`) read and write. The bytes are
 * those of {@link int64}; the separate name says the cell is meant to be incremented.
 *
 * A cell that is not exactly 8 bytes cannot be incremented by HBase either, so decoding rejects it.
 *
 * @example
 * ```ts
 * @Column({ family: 'stats', codec: counter }) views?: bigint;
 * await table.counterInc('page-1', 'stats:views', 1);
 * counter.decode((await table.row('page-1'))['stats:views']!); // 1n
 * ```
 */
export const counter: BigIntCodec = bigEndianInt64('counter');
