import type { Durability } from '../durability';

/** @internal One cell mutation: a put or a delete of one column (`family:qualifier`, or a
 * whole family as `family`), in the shape of Thrift1's `Mutation` struct. */
export interface CellMutation {
  isDelete: boolean;
  column: Buffer;
  /** Absent on deletes: the gateway ignores it there. */
  value?: Buffer;
  writeToWAL: boolean;
  /** Thrift2 only: the write's durability, which then decides over `writeToWAL`. */
  durability?: Durability;
}

/** @internal A row's mutations: the shape of Thrift1's `BatchMutation` struct. */
export interface RowMutations {
  row: Buffer;
  mutations: readonly CellMutation[];
}
