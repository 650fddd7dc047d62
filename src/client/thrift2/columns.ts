import type { RawCell, RawRow } from '../gateway/raw-row';
import { TColumn, type TColumnValue, type TResult } from './generated/hbase_types';

const COLON = 0x3a;
const COLON_BYTE = Buffer.from(':');

/** @internal A column as the public API gives it (`family` or `family:qualifier`), split for Thrift2. */
export function splitColumn(column: Buffer): { family: Buffer; qualifier: Buffer | undefined } {
  const colon = column.indexOf(COLON);
  return colon < 0
    ? { family: column, qualifier: undefined }
    : { family: column.subarray(0, colon), qualifier: column.subarray(colon + 1) };
}

/** @internal Columns (`family` or `family:qualifier`) as Thrift2's `TColumn`s; none: undefined (every column). */
export function toTColumns(columns: readonly Buffer[] | undefined): TColumn[] | undefined {
  if (columns === undefined || columns.length === 0) return undefined;
  return columns.map((column) => {
    const { family, qualifier } = splitColumn(column);
    return new TColumn({ family, qualifier });
  });
}

/** @internal A Thrift2 cell as a raw cell named `family:qualifier`. */
export function fromColumnValue(cell: TColumnValue): RawCell {
  return {
    column: Buffer.concat([cell.family, COLON_BYTE, cell.qualifier]),
    value: cell.value,
    timestamp: timestampOf(cell),
  };
}

/** @internal A Thrift2 result as a raw row, or undefined when it found no row. */
export function fromResult(result: TResult): RawRow | undefined {
  const cells = result.columnValues;
  if (result.row === undefined || result.row === null || cells === undefined || cells.length === 0) {
    return undefined;
  }
  const row: RawRow = { row: result.row, cells: cells.map(fromColumnValue) };
  if (result.stale) row.stale = true;
  return row;
}

/** The cell's timestamp: a number when exact (every real one), else a bigint. */
function timestampOf(cell: TColumnValue): number | bigint {
  const stamp = cell.timestamp;
  if (stamp === undefined || stamp === null) return 0;
  const value = stamp.buffer.readBigInt64BE(stamp.offset);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}
