import { toInt64 } from '../bytes';
import type { TColumnIncrement, TIncrement } from './generated/hbase_types';

// Counter increments are built as plain objects of the generated types' shape, not with their
// constructors: TColumnIncrement's first sets its default amount with node-int64's `new Int64(1)`,
// whose deprecated `new Buffer(8)` makes Node capture a stack trace (for the process's first
// 10,000 such calls) to check who called it, and TIncrement's copies every column again: ~20% of
// a counter increment's client CPU on Thrift2 in the benchmark (3,000 increments after 3,000).
// Both encoders (thrift2-codec's and the generated one, which copies plain objects into its
// classes) read only the fields.

/** @internal One counter of a `TIncrement`: `amount` added to `family:qualifier`. */
export function columnIncrement(family: Buffer, qualifier: Buffer, amount: bigint): TColumnIncrement {
  return { family, qualifier, amount: toInt64(amount) };
}

/** @internal A `TIncrement` of a row's counters; `returnResults: false` asks for no cells back. */
export function rowIncrement(row: Buffer, columns: TColumnIncrement[], returnResults?: boolean): TIncrement {
  return returnResults === undefined ? { row, columns } : { row, columns, returnResults };
}
