import {
  boolean,
  bytes,
  type Codec,
  composite,
  date,
  delimited,
  int64,
  type KeyCodec,
  utf8,
  utf8Key,
} from '../../codecs';
import {
  type ColumnMapOptions,
  type ColumnOptions,
  entityOptionsOf,
  type RecordedField,
} from '../../decorators/metadata-store';
import type { EmbeddedMapping } from '../embedded/embedded-metadata';
import { resolveEmbedded } from '../embedded/resolve-embedded';
import { inheritedFields } from './class-chain';
import type {
  ColumnMapMapping,
  ColumnMapping,
  CounterMapping,
  EntityMetadata,
  KeyPartMapping,
  VersionsMapping,
} from './entity-metadata';
import { MetadataError } from './metadata-error';

const resolved = new WeakMap<Function, EntityMetadata>();

/**
 * Validates an entity class and returns its metadata (computed once per class). Throws
 * {@link MetadataError} naming the class and property for every invalid declaration.
 */
export function entityMetadata(target: Function): EntityMetadata {
  let metadata = resolved.get(target);
  if (!metadata) {
    metadata = resolve(target);
    resolved.set(target, metadata);
  }
  return metadata;
}

function resolve(target: Function): EntityMetadata {
  const name = target.name || '(anonymous class)';
  const options = entityOptionsOf(target);
  if (!options) throw MetadataError.notAnEntity(name);
  if (typeof options.table !== 'string' || options.table.length === 0) {
    throw MetadataError.invalid(name, undefined, '@Entity needs a non-empty `table` name');
  }
  const families = options.families;
  if (typeof families !== 'object' || families === null || Object.keys(families).length === 0) {
    throw MetadataError.invalid(name, undefined, '@Entity needs `families` with at least one column family');
  }
  const familyNames = Object.keys(families);
  const fields = inheritedFields(target);

  const keyFields: Array<Extract<RecordedField, { kind: 'rowKey' }>> = [];
  const columns: ColumnMapping[] = [];
  const counters: CounterMapping[] = [];
  let versionColumn: CounterMapping | undefined;
  const versions: VersionsMapping[] = [];
  const maps: ColumnMapMapping[] = [];
  const embedded: EmbeddedMapping[] = [];
  const owners = new Map<string, string>(); // column name -> property, to catch duplicates
  const properties = new Set<string>();

  const claimColumn = (property: string, family: string, qualifier: string): string => {
    if (!familyNames.includes(family))
      throw MetadataError.undeclaredFamily(name, property, family, familyNames);
    const column = `${family}:${qualifier}`;
    const other = owners.get(column);
    if (other !== undefined) throw MetadataError.duplicateColumn(name, property, other, column);
    owners.set(column, property);
    return column;
  };

  for (const field of fields) {
    const { property } = field;
    if (properties.has(property)) {
      throw MetadataError.invalid(
        name,
        property,
        'is decorated more than once (only one mapping decorator per field)',
      );
    }
    properties.add(property);
    checkKnownOptions(name, property, field.kind, field.options);
    switch (field.kind) {
      case 'rowKey':
        keyFields.push(field);
        break;
      case 'column':
      case 'versions': {
        const o = field.options;
        checkFamilyOption(name, property, o);
        const columnName = claimColumn(property, o.family, o.qualifier ?? property);
        const mapping: ColumnMapping = {
          property,
          family: o.family,
          column: Buffer.from(columnName, 'utf8'),
          columnName,
          codec: valueCodec(
            name,
            property,
            o.codec,
            field.kind === 'versions' ? undefined : field.designType,
          ),
        };
        if (field.kind === 'column') columns.push(mapping);
        else
          versions.push({
            ...mapping,
            maxVersions: checkMaxVersions(name, property, field.options.maxVersions),
          });
        break;
      }
      case 'counter': {
        const o = field.options;
        checkFamilyOption(name, property, o);
        // design:type is Object for a field without a type annotation (`hits = 0n`) or with a
        // union TypeScript cannot name (`bigint | number`): the initial value is checked below.
        if (field.designType !== undefined && field.designType !== Object && field.designType !== BigInt) {
          throw MetadataError.counterNotBigInt(name, property, `the type ${typeName(field.designType)}`);
        }
        const columnName = claimColumn(property, o.family, o.qualifier ?? property);
        counters.push({ property, family: o.family, column: Buffer.from(columnName, 'utf8'), columnName });
        break;
      }
      case 'versionColumn': {
        const o = field.options;
        checkFamilyOption(name, property, o);
        if (versionColumn !== undefined) {
          throw MetadataError.invalid(
            name,
            property,
            `is a second @VersionColumn (${versionColumn.property} is one): an entity has one version`,
          );
        }
        if (field.designType !== undefined && field.designType !== Object && field.designType !== Number) {
          throw MetadataError.invalid(
            name,
            property,
            `is a @VersionColumn: it must be a number, not the type ${typeName(field.designType)}`,
          );
        }
        const columnName = claimColumn(property, o.family, o.qualifier ?? property);
        versionColumn = { property, family: o.family, column: Buffer.from(columnName, 'utf8'), columnName };
        break;
      }
      case 'columnMap': {
        const o = field.options as ColumnMapOptions;
        checkFamilyOption(name, property, o);
        if (!familyNames.includes(o.family))
          throw MetadataError.undeclaredFamily(name, property, o.family, familyNames);
        if (!o.codec)
          throw MetadataError.missingCodec(name, property, 'a @ColumnMap names the codec of its values');
        if (o.prefix !== undefined && typeof o.prefix !== 'string')
          throw MetadataError.invalid(name, property, '`prefix` must be a string');
        maps.push({
          property,
          family: o.family,
          columnPrefix: `${o.family}:${o.prefix ?? ''}`,
          codec: o.codec,
        });
        break;
      }
      case 'embedded':
        embedded.push(resolveEmbedded(name, [property], field.options, claimColumn, field.designType));
        break;
    }
  }

  // A column map claims every qualifier under its prefix: no other field may live there.
  for (const map of maps) {
    for (const [column, property] of owners) {
      if (column.startsWith(map.columnPrefix)) {
        throw MetadataError.invalid(
          name,
          property,
          `maps to "${column}", inside the @ColumnMap "${map.columnPrefix}*" of ${map.property}`,
        );
      }
    }
    for (const other of maps) {
      if (other !== map && other.columnPrefix.startsWith(map.columnPrefix)) {
        throw MetadataError.invalid(name, other.property, `overlaps the @ColumnMap of ${map.property}`);
      }
    }
  }

  checkCounterInitialValues(target, name, counters);
  const key = resolveKey(name, keyFields, options.keyDelimiter);
  return {
    target,
    name,
    table: options.table,
    families,
    keyParts: key.parts,
    keyCodec: key.codec,
    encodeKeyPrefix: key.encodePrefix,
    columns,
    counters,
    versionColumn,
    versions,
    maps,
    embedded,
    embeddedColumns: embedded.flatMap((e) => e.leaves),
  };
}

/**
 * Rejects a counter field initialized to something other than a bigint (`@Counter() hits = 0`).
 * Standard decorators receive no type information at all, and experimentalDecorators only with
 * emitDecoratorMetadata, so a field's initial value is the one trace of its type that every mode
 * leaves at run time (the compiler checks the declared type in both modes). Entities are built
 * with `new Entity()` for every row read, so building one here is what reads do anyway; a class
 * whose constructor fails without arguments is left to fail where it is used.
 */
function checkCounterInitialValues(target: Function, name: string, counters: CounterMapping[]): void {
  if (counters.length === 0) return;
  let instance: Record<string, unknown>;
  try {
    instance = new (target as new () => Record<string, unknown>)();
  } catch {
    return;
  }
  for (const counter of counters) {
    const value = instance[counter.property];
    if (value !== undefined && value !== null && typeof value !== 'bigint') {
      throw MetadataError.counterNotBigInt(
        name,
        counter.property,
        `an initial value of type ${typeof value}`,
      );
    }
  }
}

function typeName(designType: unknown): string {
  return typeof designType === 'function' ? designType.name || 'anonymous' : String(designType);
}

/** The options each kind of field takes: anything else (a misspelt `qualifer`) is an error. */
const KNOWN_OPTIONS: Record<RecordedField['kind'], readonly string[]> = {
  rowKey: ['codec', 'part'],
  column: ['family', 'qualifier', 'codec'],
  counter: ['family', 'qualifier'],
  versionColumn: ['family', 'qualifier'],
  versions: ['family', 'qualifier', 'codec', 'maxVersions'],
  columnMap: ['family', 'prefix', 'codec'],
  embedded: ['target', 'family', 'prefix'],
};

/** @internal */
export function checkKnownOptions(
  entity: string,
  property: string,
  kind: RecordedField['kind'],
  options: unknown,
) {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) {
    throw MetadataError.invalid(entity, property, 'its options must be an object');
  }
  const known = KNOWN_OPTIONS[kind];
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw MetadataError.invalid(entity, property, `unknown option \`${key}\` (known: ${known.join(', ')})`);
    }
  }
}

/** `maxVersions` of a `@Versions` field: how many versions reads ask for. */
function checkMaxVersions(entity: string, property: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2 ** 31 - 1) {
    throw MetadataError.invalid(entity, property, '`maxVersions` must be an integer from 1 to 2147483647');
  }
  return value;
}

/** @internal */
export function checkFamilyOption(
  entity: string,
  property: string,
  options: { family?: unknown; qualifier?: unknown },
) {
  if (typeof options?.family !== 'string' || options.family.length === 0) {
    throw MetadataError.invalid(entity, property, 'needs a `family`');
  }
  if (options.qualifier !== undefined && typeof options.qualifier !== 'string') {
    throw MetadataError.invalid(entity, property, '`qualifier` must be a string');
  }
}

/** The codec to use: the explicit one, else one the design type determines without doubt. */
/** @internal */
export function valueCodec(
  entity: string,
  property: string,
  codec: ColumnOptions['codec'],
  designType: unknown,
): Codec<unknown> {
  if (codec !== undefined) {
    if (typeof codec?.encode !== 'function' || typeof codec?.decode !== 'function') {
      throw MetadataError.invalid(entity, property, '`codec` must have encode() and decode()');
    }
    return codec;
  }
  const inferred = inferCodec(designType);
  if (inferred) return inferred;
  throw MetadataError.missingCodec(entity, property, describeMissing(designType));
}

function inferCodec(designType: unknown): Codec<unknown> | undefined {
  switch (designType) {
    case String:
      return utf8 as Codec<unknown>;
    case Boolean:
      return boolean as Codec<unknown>;
    case Date:
      return date as Codec<unknown>;
    case BigInt:
      return int64 as Codec<unknown>;
    case Buffer:
      return bytes as Codec<unknown>;
    default:
      return undefined;
  }
}

function describeMissing(designType: unknown): string {
  if (designType === Number) return 'a number could be int16, int32, float32, float64 or decimal text';
  if (designType === undefined) {
    return 'no type information is available (standard decorators, or no emitDecoratorMetadata)';
  }
  return `no default codec for the type ${(designType as Function).name ?? String(designType)}`;
}

function resolveKey(
  entity: string,
  fields: Array<Extract<RecordedField, { kind: 'rowKey' }>>,
  delimiter: string | undefined,
): { parts: KeyPartMapping[]; codec: Codec<unknown>; encodePrefix: EntityMetadata['encodeKeyPrefix'] } {
  if (fields.length === 0) throw MetadataError.noRowKey(entity);
  const single = fields.length === 1 && fields[0]!.options.part === undefined;
  if (delimiter !== undefined && (single || typeof delimiter !== 'string' || delimiter.length === 0)) {
    throw MetadataError.invalid(
      entity,
      undefined,
      single
        ? '`keyDelimiter` joins the parts of a composite key: number the @RowKey fields with `part`'
        : '`keyDelimiter` must be a non-empty string',
    );
  }
  if (single) {
    const field = fields[0]!;
    const codec = valueCodec(entity, field.property, field.options.codec, field.designType);
    return { parts: [{ property: field.property, codec }], codec, encodePrefix: undefined };
  }
  const byPart = [...fields].sort((a, b) => (a.options.part ?? -1) - (b.options.part ?? -1));
  byPart.forEach((field, index) => {
    if (field.options.part !== index) {
      throw MetadataError.invalid(
        entity,
        field.property,
        `composite key parts must be numbered 0..${fields.length - 1} without gaps (got part ${String(field.options.part)})`,
      );
    }
  });
  if (delimiter !== undefined) return delimitedKey(entity, byPart, delimiter);
  const parts = byPart.map((field) => {
    const codec = field.options.codec ?? (field.designType === String ? utf8Key : undefined);
    if (!codec)
      throw MetadataError.missingCodec(
        entity,
        field.property,
        'composite key parts need an order-preserving key codec',
      );
    if ((codec as Partial<KeyCodec<unknown>>).orderPreserving !== true) {
      throw MetadataError.invalid(
        entity,
        field.property,
        `composite key parts need an order-preserving key codec; "${codec.name}" is not one`,
      );
    }
    return { property: field.property, codec: codec as KeyCodec<unknown> };
  });
  const tuple = composite(parts.map((p) => p.codec as KeyCodec<unknown>));
  return {
    parts,
    codec: tuple as unknown as Codec<unknown>,
    encodePrefix: (leading) => tuple.encodePrefix(leading as never),
  };
}

/** A composite key whose parts are joined as text by `delimiter` (`@Entity({ keyDelimiter })`). */
function delimitedKey(
  entity: string,
  byPart: Array<Extract<RecordedField, { kind: 'rowKey' }>>,
  delimiter: string,
): ReturnType<typeof resolveKey> {
  const parts = byPart.map((field) => ({
    property: field.property,
    codec: valueCodec(entity, field.property, field.options.codec, field.designType),
  }));
  let codec: ReturnType<typeof delimited<Codec<unknown>[]>>;
  try {
    codec = delimited(
      parts.map((p) => p.codec),
      { separator: delimiter },
    );
  } catch (error) {
    throw MetadataError.invalid(entity, undefined, `invalid \`keyDelimiter\`: ${(error as Error).message}`);
  }
  return {
    parts,
    codec: codec as unknown as Codec<unknown>,
    encodePrefix: (leading) => codec.encodePrefix(leading),
  };
}
