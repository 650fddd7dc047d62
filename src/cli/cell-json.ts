import { encodeColumnName } from '../client/column-names';
import type { Cell } from '../client/row-data';
import { bytesToDisplay, bytesToJson, type JsonBytes } from './byte-encoding';

/**
 * @internal One row as the CLI writes it in JSON (`get`, `scan`, export files):
 * `{"key": K, "cells": [{"column": C, "value": V, "timestamp": T}, ...]}`, each byte string in
 * the encoding of `byte-encoding.ts`, timestamps in milliseconds (a number, or a string of digits
 * past 2^53 - 1, which a JSON number cannot hold exactly).
 */
export interface RowJson {
  /** The row key. */
  key: JsonBytes;
  /** The row's cells, in the order the gateway returned them (by column). */
  cells: CellJson[];
}

/** @internal One cell in a {@link RowJson}. */
export interface CellJson {
  /** `family:qualifier`. */
  column: JsonBytes;
  /** The value. */
  value: JsonBytes;
  /** Milliseconds since the epoch. */
  timestamp: number | string;
}

/** @internal The bytes of a column name as the client hands it (escaped bytes restored). */
export function columnBytes(name: string): Buffer {
  // The client decodes column names losslessly (see client/column-names.ts): this always encodes.
  return encodeColumnName(name) ?? Buffer.from(name, 'utf8');
}

/** @internal A timestamp as JSON: a number while exact, else a string of digits. */
export function timestampToJson(timestamp: bigint): number | string {
  return timestamp <= BigInt(Number.MAX_SAFE_INTEGER) && timestamp >= 0n
    ? Number(timestamp)
    : timestamp.toString();
}

/**
 * @internal A row read with `includeTimestamp: true, timestampType: 'bigint'` (and possibly
 * `versions`: a list of cells per column, newest first).
 */
export type TimestampedRow = Record<string, Cell<bigint> | Array<Cell<bigint>>>;

/** @internal Each cell of a row, with its column name, versions in the order read. */
function* cellsOf(data: TimestampedRow): Generator<[string, Cell<bigint>]> {
  for (const [name, cells] of Object.entries(data)) {
    if (Array.isArray(cells)) for (const cell of cells) yield [name, cell];
    else yield [name, cells];
  }
}

/** @internal A row as JSON. */
export function rowToJson(key: Buffer, data: TimestampedRow): RowJson {
  const cells: CellJson[] = [];
  for (const [name, cell] of cellsOf(data)) {
    cells.push({
      column: bytesToJson(columnBytes(name)),
      value: bytesToJson(cell.value),
      timestamp: timestampToJson(cell.timestamp),
    });
  }
  return { key: bytesToJson(key), cells };
}

/**
 * @internal A row for humans, as HBase's shell prints it: one line per cell,
 * `KEY  column=C, timestamp=T, value=V`.
 */
export function rowToDisplay(key: Buffer, data: TimestampedRow): string {
  const shownKey = bytesToDisplay(key);
  let out = '';
  for (const [name, cell] of cellsOf(data)) {
    out += `${shownKey}  column=${bytesToDisplay(columnBytes(name))}, timestamp=${cell.timestamp}, value=${bytesToDisplay(cell.value)}\n`;
  }
  return out;
}
