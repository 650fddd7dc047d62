import { InvalidArgumentError } from '../client/errors';
import type { Codec } from '../codecs/codec';
import type { EntityMetadata } from '../mapper/metadata/entity-metadata';
import { and, not, or } from '../mapper/query/combinators';
import {
  between,
  eq,
  exists,
  gt,
  gte,
  inList,
  lt,
  lte,
  missing,
  ne,
  startsWith,
} from '../mapper/query/conditions';
import { whereFieldCodec } from '../mapper/query/where-targets';
import { CliError } from './exit-codes';

/** The operators of `--where`'s JSON: `{ "age": { "gte": 18 } }`. */
const OPERATORS: Record<string, (value: unknown, coerce: (v: unknown) => unknown) => unknown> = {
  eq: (v, c) => eq(c(v)),
  ne: (v, c) => ne(c(v)),
  gt: (v, c) => gt(c(v)),
  gte: (v, c) => gte(c(v)),
  lt: (v, c) => lt(c(v)),
  lte: (v, c) => lte(c(v)),
  between: (v, c) => {
    if (!Array.isArray(v) || v.length !== 2) throw CliError.usage('--where: "between" takes [low, high]');
    return between(c(v[0]), c(v[1]));
  },
  in: (v, c) => {
    if (!Array.isArray(v)) throw CliError.usage('--where: "in" takes an array');
    return inList(v.map(c));
  },
  // `{"exists": false}` is the complement, not a second way to say exists.
  exists: (v) => (presence(v, 'exists') ? exists() : missing()),
  missing: (v) => (presence(v, 'missing') ? missing() : exists()),
  startsWith: (v) => startsWith(v as string),
};

/**
 * @internal Parses `--where`: the JSON form of a `where` option. Field values are plain values
 * (equality) or one-operator objects (`{"gte": 18}`, `{"in": [..]}`, `{"exists": true}`); the keys
 * `and` and `or` (arrays) and `not` (an object) combine clauses. JSON has no bigint, Date or bytes:
 * a number or string the field's codec refuses is tried as a bigint, then as a date.
 */
export function whereFromJson(meta: EntityMetadata, json: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw CliError.usage(`--where: not JSON (${(error as Error).message})`);
  }
  return clause(meta, parsed);
}

function clause(meta: EntityMetadata, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw CliError.usage('--where: expected an object of fields to conditions');
  }
  const fields: Record<string, unknown> = {};
  const groups: unknown[] = [];
  for (const [name, condition] of Object.entries(value)) {
    if ((name === 'and' || name === 'or') && Array.isArray(condition) && !isField(meta, name)) {
      const clauses = condition.map((c) => clause(meta, c));
      groups.push(name === 'and' ? and(...clauses) : or(...clauses));
    } else if (name === 'not' && !isField(meta, name)) {
      groups.push(not(clause(meta, condition)));
    } else {
      fields[name] = fieldCondition(meta, name, condition);
    }
  }
  if (groups.length === 0) return fields;
  return and(...(Object.keys(fields).length > 0 ? [fields] : []), ...groups);
}

function isField(meta: EntityMetadata, name: string): boolean {
  return whereFieldCodec(meta, name) !== undefined;
}

function presence(value: unknown, operator: string): boolean {
  if (typeof value !== 'boolean') throw CliError.usage(`--where: "${operator}" takes true or false`);
  return value;
}

/** `name`: the field's path (`age`, or `home.city` in a value object). */
function fieldCondition(meta: EntityMetadata, name: string, condition: unknown): unknown {
  const isObject = typeof condition === 'object' && condition !== null && !Array.isArray(condition);
  const keys = isObject ? Object.keys(condition) : [];
  const operator = keys.length === 1 ? OPERATORS[keys[0]!] : undefined;
  if (isObject && operator === undefined && isEmbedded(meta, name)) {
    // Conditions on the fields of a value object: `{"home": {"city": "Paris"}}`.
    return Object.fromEntries(
      keys.map((k) => [k, fieldCondition(meta, `${name}.${k}`, condition[k as never])]),
    );
  }
  // An unknown field has none: the repository names it (and lists the fields).
  const codec: Codec<unknown> | undefined = whereFieldCodec(meta, name);
  const coerce = (v: unknown) => {
    if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) {
      // JSON.parse has already rounded it: refuse rather than compare with another number.
      throw CliError.usage(
        `--where.${name}: an integer beyond 2^53 loses precision as a JSON number; quote it as a string`,
      );
    }
    return codec === undefined ? v : coerceFor(codec, v);
  };
  try {
    if (isObject) {
      if (operator === undefined) {
        throw CliError.usage(
          `--where.${name}: expected a value or one operator (${Object.keys(OPERATORS).join(', ')})`,
        );
      }
      return operator((condition as Record<string, unknown>)[keys[0]!], coerce);
    }
    return coerce(condition);
  } catch (error) {
    // A condition's own refusal (`inList([])`), named as the flag's path.
    if (error instanceof InvalidArgumentError) {
      throw CliError.usage(error.message.replace(`Invalid ${error.argument}:`, `Invalid --where.${name}:`));
    }
    if (error instanceof CliError && error.message.startsWith('--where:')) {
      throw CliError.usage(`--where.${name}:${error.message.slice('--where:'.length)}`);
    }
    throw error;
  }
}

/** Whether `path` names an `@Embedded` value object of the entity (`home`, `home.geo`). */
function isEmbedded(meta: EntityMetadata, path: string): boolean {
  return meta.embeddedColumns.some((c) => c.property.startsWith(`${path}.`));
}

/** A JSON value as the codec takes it: as is, else as a bigint, else as a date. */
function coerceFor(codec: Codec<unknown>, value: unknown): unknown {
  const tries: Array<() => unknown> = [() => value];
  if (
    (typeof value === 'number' && Number.isInteger(value)) ||
    (typeof value === 'string' && /^-?\d+$/.test(value))
  ) {
    tries.push(() => BigInt(value));
  }
  if (typeof value === 'string' || typeof value === 'number') tries.push(() => new Date(value));
  for (const attempt of tries) {
    try {
      const candidate = attempt();
      codec.encode(candidate);
      return candidate;
    } catch {
      // the next form
    }
  }
  return value; // refused by every form: the repository's error names the field
}
