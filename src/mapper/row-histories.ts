import type { Cell, RowData, RowVersionsWithTimestamps } from '../client/row-data';
import type { VersionsMapping } from './metadata/entity-metadata';

/** "Every version the family keeps": HBase counts versions in an int. */
export const ALL_VERSIONS = 2 ** 31 - 1;

/**
 * @internal Splits a row read with several versions of each cell (a Thrift2 read with a version
 * count) into what `entityFromRow` takes: each cell's newest value, and the histories of the
 * `@Versions` fields, each cut to `limitOf(field)` versions.
 */
export function splitVersions(
  versioned: RowVersionsWithTimestamps,
  fields: readonly VersionsMapping[],
  limitOf: (field: VersionsMapping) => number,
): { data: RowData; history: Map<string, Cell[]> } {
  const data: RowData = {};
  for (const [column, cells] of Object.entries(versioned)) {
    if (cells.length > 0) data[column] = cells[0]!.value;
  }
  const history = new Map<string, Cell[]>();
  for (const field of fields) {
    const cells = versioned[field.columnName];
    if (cells !== undefined && cells.length > 0)
      history.set(field.columnName, cells.slice(0, limitOf(field)));
  }
  return { data, history };
}
