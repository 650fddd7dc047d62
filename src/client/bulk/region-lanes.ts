import { type BulkOp, MUTATION_OVERHEAD } from './bulk-mutation';
import { RegionRouter } from './region-router';

/** @internal Mutations of one region waiting to be sent. */
export interface Lane {
  ops: BulkOp[];
  bytes: number;
  /** The lane's first mutation is of a row in flight: it waits for that batch. */
  blocked: boolean;
}

const emptyLane = (): Lane => ({ ops: [], bytes: 0, blocked: false });

/**
 * @internal A bulk writer's buffered mutations, one lane per region of the table's region map,
 * each in the order accepted.
 */
export class RegionLanes {
  readonly #batchRows: number;
  readonly #batchBytes: number;
  #router: RegionRouter = new RegionRouter([]);
  #lanes: Lane[] = [emptyLane()];

  constructor(batchRows: number, batchBytes: number) {
    this.#batchRows = batchRows;
    this.#batchBytes = batchBytes;
  }

  /** Regions in the map (1 before it arrives). */
  get regions(): number {
    return this.#router.size;
  }

  /** Buffers `op` (of `size` bytes) in its region's lane, and answers the lane. */
  add(op: BulkOp, size: number): Lane {
    const lane = this.#lanes[this.#router.regionOf(op.row)]!;
    lane.ops.push(op);
    lane.bytes += size;
    return lane;
  }

  /** Whether a lane holds a full batch. */
  isFull(lane: Lane): boolean {
    return lane.ops.length >= this.#batchRows || lane.bytes >= this.#batchBytes;
  }

  /** Uses a new region map: the buffered mutations move to the lanes it gives them. */
  install(router: RegionRouter): void {
    const buffered = this.#lanes.flatMap((lane) => lane.ops);
    this.#router = router;
    this.#lanes = Array.from({ length: router.size }, emptyLane);
    // In index order, so that a row's mutations keep their order in their new lane.
    buffered.sort((a, b) => a.index - b.index);
    for (const op of buffered) this.add(op, op.payload + MUTATION_OVERHEAD);
  }

  /** A full lane; else, when `pressed` (a flush, callers waiting for room), the fullest. */
  next(pressed: boolean): Lane | undefined {
    let best: Lane | undefined;
    for (const lane of this.#lanes) {
      if (lane.blocked || lane.ops.length === 0) continue;
      if (this.isFull(lane)) return lane;
      if (pressed && (!best || lane.bytes > best.bytes)) best = lane;
    }
    return best;
  }

  /** A batch settled: every lane may go on. */
  unblock(): void {
    for (const lane of this.#lanes) lane.blocked = false;
  }

  /** Empties every lane, answering the indices of the mutations it held. */
  drain(): number[] {
    const indices = this.#lanes.flatMap((lane) => lane.ops.map((op) => op.index));
    for (const lane of this.#lanes) {
      lane.ops = [];
      lane.bytes = 0;
    }
    return indices;
  }
}
