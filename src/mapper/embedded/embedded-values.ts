import { InvalidArgumentError } from '../../client/errors';
import type { RowData } from '../../client/row-data';
import type { Codec } from '../../codecs/codec';
import { encodeArgument } from '../codec-rejection';
import type { EntityWrites } from '../entity-mapping';
import { instantiate } from '../instantiate';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { EmbeddedMapping } from './embedded-metadata';

/** @internal Decodes one cell (see `entityFromRow`); returns `failed` when a lenient read skipped it. */
export type DecodeCell = (property: string, column: string, codec: Codec<unknown>, bytes: Buffer) => unknown;

/**
 * @internal Adds what saving the value objects of `entity` writes. Per column, the rule of every
 * field: `undefined` leaves the cell, `null` deletes it; a value object set to `null` deletes all
 * its columns (known from the declaration: no read needed). Plain objects are taken as well as
 * instances, so `update(key, { address: { city } })` writes that one column.
 */
export function addEmbeddedWrites(
  meta: EntityMetadata,
  entity: Record<string, unknown>,
  argument: string,
  writes: EntityWrites,
): void {
  for (const mapping of meta.embedded) writeValue(mapping, entity[mapping.property], argument, writes);
}

function writeValue(mapping: EmbeddedMapping, value: unknown, argument: string, writes: EntityWrites): void {
  if (value === undefined) return;
  const at = `${argument}.${mapping.path.join('.')}`;
  if (value === null) {
    for (const leaf of mapping.leaves) writes.deletes.push(leaf.column);
    return;
  }
  if (!isValueObject(value)) {
    throw new InvalidArgumentError(
      at,
      `a ${mapping.target.name || 'value'} object (or null to delete its columns)`,
      value,
    );
  }
  const fields = value as Record<string, unknown>;
  for (const column of mapping.columns) {
    const v = fields[column.field];
    if (v === undefined) continue;
    if (v === null) writes.deletes.push(column.column);
    else writes.puts.set(column.column, encodeArgument(column.codec, v, `${argument}.${column.property}`));
  }
  for (const nested of mapping.nested) writeValue(nested, fields[nested.property], argument, writes);
}

/** Objects with fields: not Buffers, Dates, arrays, Maps or boxed primitives. */
function isValueObject(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    !(value instanceof Date) &&
    !(value instanceof Map) &&
    !(value instanceof Set) &&
    !(value instanceof String) &&
    !(value instanceof Number) &&
    !(value instanceof Boolean) &&
    !Array.isArray(value)
  );
}

/**
 * @internal Sets the value objects of `entity` from a row: each is built (with class-transformer,
 * like entities) when at least one of its columns is in the row, and left undefined when none is.
 * A column that is absent, or that a lenient read could not decode, leaves its field undefined.
 */
export function readEmbeddedValues(
  meta: EntityMetadata,
  entity: Record<string, unknown>,
  data: RowData,
  decode: DecodeCell,
  failed: symbol,
): void {
  for (const mapping of meta.embedded) {
    const value = readValue(mapping, data, decode, failed);
    if (value !== undefined) entity[mapping.property] = value;
  }
}

function readValue(
  mapping: EmbeddedMapping,
  data: RowData,
  decode: DecodeCell,
  failed: symbol,
): Record<string, unknown> | undefined {
  let value: Record<string, unknown> | undefined;
  for (const column of mapping.columns) {
    const bytes = data[column.columnName];
    if (bytes === undefined) continue;
    const decoded = decode(column.property, column.columnName, column.codec, bytes);
    value ??= instantiate(mapping.target as new () => Record<string, unknown>);
    if (decoded !== failed) value[column.field] = decoded;
  }
  for (const nested of mapping.nested) {
    const inner = readValue(nested, data, decode, failed);
    if (inner === undefined) continue;
    value ??= instantiate(mapping.target as new () => Record<string, unknown>);
    value[nested.property] = inner;
  }
  return value;
}

/** @internal The columns that `select` of the given embedded properties reads. */
export function selectedEmbeddedColumns(meta: EntityMetadata, wanted: ReadonlySet<string>): Buffer[] {
  return meta.embedded.filter((e) => wanted.has(e.property)).flatMap((e) => e.leaves.map((l) => l.column));
}
