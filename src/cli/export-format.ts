import type { ColumnFamilyOptions } from '../client/column-family';
import { bytesFromJson } from './byte-encoding';
import { CliError } from './exit-codes';

/**
 * The export format (`export`, `import`): JSON lines, gzip-compressed when the file name ends in
 * `.gz` (import recognises gzip by its first bytes). The first line is a header:
 *
 * ```json
 * {"format":"hbase-mapper-export","version":1,"table":"users","families":{"cf":{"maxVersions":3,...}},
 *  "bytes":"utf8-or-base64","timestamps":"milliseconds","exportedAt":"2026-01-01T00:00:00.000Z"}
 * ```
 *
 * Every other line is one row, `{"key":K,"cells":[{"column":C,"value":V,"timestamp":T},...]}`
 * (see cell-json.ts): keys, columns and values are a JSON string when their bytes are valid UTF-8,
 * else `{"base64":"..."}` (`bytes: "utf8-or-base64"`); timestamps are milliseconds, a number, or a
 * string of digits past 2^53 - 1.
 */
export interface ExportHeader {
  /** Always {@link EXPORT_FORMAT}. */
  format: typeof EXPORT_FORMAT;
  /** Always 1 so far; an import refuses a version it does not know. */
  version: 1;
  /** The table exported (without the table prefix). */
  table: string;
  /** The column families and their settings, for `import --create`. */
  families: Record<string, ColumnFamilyOptions>;
  /** How byte strings are written. */
  bytes: 'utf8-or-base64';
  /** What timestamps count. */
  timestamps: 'milliseconds';
  /** When the export started (ISO 8601). */
  exportedAt: string;
}

/** @internal The `format` of an export's header line. */
export const EXPORT_FORMAT = 'hbase-mapper-export';

/** @internal One cell read back from an export file. */
export interface ImportedCell {
  column: Buffer;
  value: Buffer;
  /** A number up to 2^53 - 1, a bigint beyond: equal timestamps are equal values. */
  timestamp: number | bigint;
}

/** @internal One row read back from an export file. */
export interface ImportedRow {
  key: Buffer;
  cells: ImportedCell[];
}

/** @internal Reads and checks the header line; `file` names the source in errors. */
export function parseHeader(line: string | undefined, file: string): ExportHeader {
  let header: Partial<ExportHeader> | undefined;
  try {
    header = line === undefined ? undefined : (JSON.parse(line) as Partial<ExportHeader>);
  } catch {
    header = undefined;
  }
  if (header?.format !== EXPORT_FORMAT) {
    throw new CliError(`${file}: not an hbase-mapper export (its first line is not the format's header)`);
  }
  if (header.version !== 1) {
    throw new CliError(`${file}: export format version ${String(header.version)}, this version reads 1`);
  }
  if (header.bytes !== 'utf8-or-base64' || header.timestamps !== 'milliseconds') {
    throw new CliError(`${file}: unknown byte or timestamp encoding in the header`);
  }
  const families = header.families as unknown;
  if (typeof families !== 'object' || families === null || Array.isArray(families)) {
    throw new CliError(`${file}: the header's "families" is not an object of column families`);
  }
  return header as ExportHeader;
}

/**
 * @internal Reads one row line. Errors name the line's number, never its content (row keys and
 * values may be secrets).
 */
export function parseRow(line: string, lineNumber: number, file: string): ImportedRow {
  const bad = (what: string) => new CliError(`${file}:${lineNumber}: ${what}`);
  let row: { key?: unknown; cells?: unknown };
  try {
    row = JSON.parse(line) as typeof row;
  } catch {
    throw bad('not valid JSON');
  }
  const key = bytesFromJson(row?.key);
  if (key === undefined) throw bad('"key" is not a string or {"base64": ...}');
  if (!Array.isArray(row.cells)) throw bad('"cells" is not an array');
  const cells: ImportedCell[] = [];
  for (const cell of row.cells as Array<Record<string, unknown>>) {
    const column = bytesFromJson(cell?.column);
    const value = bytesFromJson(cell?.value);
    if (column === undefined || value === undefined) throw bad('a cell\'s "column" or "value" is not bytes');
    const t = cell.timestamp;
    const valid =
      (typeof t === 'number' && Number.isSafeInteger(t) && t >= 0) ||
      (typeof t === 'string' && /^\d{1,19}$/.test(t));
    if (!valid) throw bad('a cell\'s "timestamp" is not a whole number of milliseconds');
    const timestamp = BigInt(t as number | string);
    if (timestamp > 2n ** 63n - 1n) throw bad('a cell\'s "timestamp" is past 2^63 - 1');
    cells.push({
      column,
      value,
      timestamp: timestamp <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(timestamp) : timestamp,
    });
  }
  return { key, cells };
}
