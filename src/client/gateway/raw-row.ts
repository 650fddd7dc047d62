/** @internal One cell as it comes off the wire, its column name kept as bytes. */
export interface RawCell {
  column: Buffer;
  value: Buffer;
  /** A number when it holds the timestamp exactly, else a bigint. */
  timestamp: number | bigint;
}

/** @internal One row as it comes off the wire. */
export interface RawRow {
  row: Buffer;
  cells: RawCell[];
  /** Thrift2: answered by a secondary region replica (a timeline read). */
  stale?: boolean;
}
