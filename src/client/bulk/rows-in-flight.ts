import { type BulkOp, MUTATION_OVERHEAD } from './bulk-mutation';
import type { Lane } from './region-lanes';
import { rowHash } from './region-router';

/** @internal The front of a lane, taken to be sent as one batch. */
export interface TakenBatch {
  ops: BulkOp[];
  /** The batch's rows (by {@link rowHash}), to free when it settles. */
  rows: number[];
  /** Its bytes, overhead included (as the byte budget counts them). */
  bytes: number;
  /** A row appears more than once: the batch cannot take the puts-only shortcut. */
  repeats: boolean;
}

/**
 * @internal The rows of a bulk writer's batches in flight (by {@link rowHash}) and the batch each
 * is in. A batch stops before a mutation of a row in another one, so that a row's mutations are
 * applied in order: several batches of a region may be in flight, never two mutations of one row
 * in two batches at once. (A hash shared by two rows only makes a batch stop early.)
 */
export class RowsInFlight {
  readonly #owners = new Map<number, number>();
  #nextBatch = 0;

  /**
   * Takes the front of `lane`: up to `batchRows` mutations and `batchBytes`, stopping before a
   * mutation of a row in flight. `undefined` when its first mutation waits: the lane is marked
   * blocked until a batch settles.
   */
  take(lane: Lane, batchRows: number, batchBytes: number): TakenBatch | undefined {
    const owners = this.#owners;
    const id = this.#nextBatch++;
    const rows: number[] = [];
    let repeats = false;
    let count = 0;
    let bytes = 0;
    while (count < lane.ops.length && count < batchRows && bytes < batchBytes) {
      const op = lane.ops[count]!;
      const row = rowHash(op.row);
      const owner = owners.get(row);
      // Mutations of one row within the batch are fine (table.batch() orders them); one in flight
      // in another batch is not.
      if (owner !== undefined && owner !== id) break;
      if (owner === undefined) {
        owners.set(row, id);
        rows.push(row);
      } else {
        repeats = true;
      }
      bytes += op.payload + MUTATION_OVERHEAD;
      count++;
    }
    if (count === 0) {
      lane.blocked = true;
      return undefined;
    }
    lane.bytes -= bytes;
    return { ops: lane.ops.splice(0, count), rows, bytes, repeats };
  }

  /** A batch settled: its rows may be sent again. */
  release(rows: readonly number[]): void {
    for (const row of rows) this.#owners.delete(row);
  }
}
