import { rowToDisplay, rowToJson, type TimestampedRow } from './cell-json';
import type { Output } from './output';

/** The output formats of `get` and `scan`. */
export type RowFormat = 'table' | 'json' | 'jsonl';

/** @internal The formats `--format` takes for rows. */
export const ROW_FORMATS: readonly RowFormat[] = ['table', 'json', 'jsonl'];

/**
 * @internal Streams rows to stdout in a format: `table` (one line per cell, as HBase's shell),
 * `jsonl` (one row object per line), `json` (one array, written as the rows come).
 */
export class RowWriter {
  readonly #out: Output;
  readonly #format: RowFormat;
  #rows = 0;

  constructor(out: Output, format: RowFormat) {
    this.#out = out;
    this.#format = format;
  }

  /** Rows written so far. */
  get rows(): number {
    return this.#rows;
  }

  /** Writes one row. */
  async write(key: Buffer, data: TimestampedRow): Promise<void> {
    const first = this.#rows === 0;
    this.#rows++;
    switch (this.#format) {
      case 'table':
        return this.#out.write(rowToDisplay(key, data));
      case 'jsonl':
        return this.#out.write(`${JSON.stringify(rowToJson(key, data))}\n`);
      case 'json':
        return this.#out.write(`${first ? '[\n' : ',\n'}${JSON.stringify(rowToJson(key, data))}`);
    }
  }

  /** Ends the output: closes the JSON array; the table format says how many rows. */
  async end(): Promise<void> {
    if (this.#format === 'json') await this.#out.write(this.#rows === 0 ? '[]\n' : '\n]\n');
    if (this.#format === 'table') await this.#out.write(`${this.#rows} row(s)\n`);
  }
}
