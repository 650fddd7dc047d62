import type { EmbeddedFieldOptions } from '../../decorators/embedded';
import type { RecordedField } from '../../decorators/metadata-store';
import { inheritedFields } from '../metadata/class-chain';
import { MetadataError } from '../metadata/metadata-error';
import { checkKnownOptions, valueCodec } from '../metadata/resolve-entity';
import type { EmbeddedColumnMapping, EmbeddedMapping } from './embedded-metadata';

/**
 * @internal Claims a column for a property path (`address.city`), checking its family is declared
 * and no other field maps to it; returns `family:qualifier`.
 */
export type ClaimColumn = (property: string, family: string, qualifier: string) => string;

/** Where a value object's columns go: the family that replaces its fields' own, and a prefix. */
interface Placement {
  family: string | undefined;
  prefix: string;
}

/**
 * @internal Resolves an `@Embedded` field of `entity` at `path`, recursively: its value object's
 * `@Column` fields become columns (with the embedding's family and prefix applied), its nested
 * `@Embedded` fields nested mappings. Errors name the path (`Customer.address.city`).
 */
export function resolveEmbedded(
  entity: string,
  path: readonly string[],
  options: EmbeddedFieldOptions,
  claim: ClaimColumn,
  designType: unknown = undefined,
  outer: Placement = { family: undefined, prefix: '' },
  enclosing: readonly Function[] = [],
): EmbeddedMapping {
  const at = path.join('.');
  const target = valueClass(entity, at, options);
  // emitDecoratorMetadata leaves the declared class (Object for a union such as `Address | null`):
  // a field declared as another class would get objects it does not expect.
  if (
    typeof designType === 'function' &&
    designType !== Object &&
    designType !== target &&
    !(target.prototype instanceof designType)
  ) {
    throw MetadataError.invalid(
      entity,
      at,
      `is declared as ${designType.name || 'another class'}, but @Embedded builds ${target.name || 'another class'}`,
    );
  }
  if (enclosing.includes(target)) {
    throw MetadataError.invalid(entity, at, `embeds ${target.name} inside itself (a cycle of @Embedded)`);
  }
  const placement = placementOf(entity, at, options, outer);
  const fields = inheritedFields(target);
  if (fields.length === 0) {
    throw MetadataError.invalid(
      entity,
      at,
      `@Embedded ${target.name || 'class'} declares no field (decorate its fields with @Column or @Embedded)`,
    );
  }
  const mapping: EmbeddedMapping = {
    property: path[path.length - 1]!,
    path,
    target,
    columns: [],
    nested: [],
    leaves: [],
  };
  const seen = new Set<string>();
  for (const field of fields) {
    const fieldPath = [...path, field.property];
    const name = fieldPath.join('.');
    if (seen.has(field.property)) {
      throw MetadataError.invalid(
        entity,
        name,
        'is decorated more than once (only one mapping decorator per field)',
      );
    }
    seen.add(field.property);
    checkKnownOptions(entity, name, field.kind, field.options);
    if (field.kind === 'embedded') {
      const nested = resolveEmbedded(entity, fieldPath, field.options, claim, field.designType, placement, [
        ...enclosing,
        target,
      ]);
      mapping.nested.push(nested);
      mapping.leaves.push(...nested.leaves);
      continue;
    }
    if (field.kind !== 'column') {
      throw MetadataError.invalid(
        entity,
        name,
        `is a ${KIND_NAMES[field.kind]} in the value object ${target.name}: value objects hold @Column and @Embedded fields only`,
      );
    }
    const o = field.options;
    const family = placement.family ?? o.family;
    if (typeof family !== 'string' || family.length === 0)
      throw MetadataError.invalid(entity, name, 'needs a `family`');
    if (o.qualifier !== undefined && typeof o.qualifier !== 'string') {
      throw MetadataError.invalid(entity, name, '`qualifier` must be a string');
    }
    const columnName = claim(name, family, `${placement.prefix}${o.qualifier ?? field.property}`);
    const column: EmbeddedColumnMapping = {
      property: name,
      path: fieldPath,
      field: field.property,
      family,
      column: Buffer.from(columnName, 'utf8'),
      columnName,
      codec: valueCodec(entity, name, o.codec, field.designType),
    };
    mapping.columns.push(column);
    mapping.leaves.push(column);
  }
  return mapping;
}

const KIND_NAMES: Record<RecordedField['kind'], string> = {
  rowKey: '@RowKey',
  column: '@Column',
  counter: '@Counter',
  versionColumn: '@VersionColumn',
  versions: '@Versions',
  columnMap: '@ColumnMap',
  embedded: '@Embedded',
};

function valueClass(entity: string, at: string, options: EmbeddedFieldOptions): Function {
  const thunk = options?.target;
  const target: unknown = typeof thunk === 'function' ? thunk() : undefined;
  if (typeof target !== 'function') {
    throw MetadataError.invalid(
      entity,
      at,
      '@Embedded needs a function that returns the value-object class (`() => Address`)',
    );
  }
  return target;
}

function placementOf(entity: string, at: string, options: EmbeddedFieldOptions, outer: Placement): Placement {
  const { family, prefix } = options;
  if (family !== undefined && (typeof family !== 'string' || family.length === 0)) {
    throw MetadataError.invalid(entity, at, '`family` must be a non-empty string');
  }
  if (prefix !== undefined && typeof prefix !== 'string') {
    throw MetadataError.invalid(entity, at, '`prefix` must be a string');
  }
  // The outermost family wins (it moves everything under it); prefixes add up, outer first.
  return { family: outer.family ?? family, prefix: `${outer.prefix}${prefix ?? ''}` };
}
