import { type CellColumn, toCellColumnWithId } from '../client/columns';

/** Distinct columns remembered; a file inventing column names per row only refills the table. */
const MAX_COLUMNS = 4096;

/**
 * @internal The columns of an import, validated once each (`family:qualifier`, as a batch's put
 * wants them) and shared by every cell naming them. An export repeats a handful of columns on
 * every row: looking the bytes up here costs a hash of a few bytes, where the batch's own path
 * would decode and validate each cell's column again.
 */
export class ColumnInterner {
  /** By a hash of the column's bytes; a collision is simply not cached. */
  readonly #known = new Map<number, CellColumn>();

  /**
   * The validated column for these bytes (which may be a view of a line: they are copied when
   * remembered). Throws the library's InvalidArgumentError (argument `column`) for a column
   * without a family.
   */
  intern(bytes: Buffer): CellColumn {
    // FNV-1a over the bytes.
    let hash = 0x811c9dc5;
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const known = this.#known.get(hash);
    if (known !== undefined && sameBytes(known.bytes, bytes)) return known;
    const column = toCellColumnWithId(Buffer.from(bytes), 'column');
    if (known === undefined) {
      if (this.#known.size >= MAX_COLUMNS) this.#known.clear();
      this.#known.set(hash, column);
    }
    return column;
  }
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
