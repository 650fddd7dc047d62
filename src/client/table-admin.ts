import type { BytesLike } from './bytes';
import { toBytes } from './bytes';
import { InvalidArgumentError } from './errors';
import { requirePlainObject, requireString } from './validate';

/** Options of `connection.createTable`. */
export interface CreateTableOptions {
  /**
   * Pre-split the table: one region per key, starting there (plus the first region, from the
   * empty key). Any order; no empty or repeated key. Thrift2 gateway only. See `evenSplitKeys`
   * and `saltBucketSplitKeys`.
   */
  splitKeys?: BytesLike[];
}

/** @internal Validates split keys (HBase refuses empty and repeated ones); returns them sorted. */
export function toSplitKeys(value: unknown, argument: string): Buffer[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError(argument, 'an array of row keys', value);
  const keys = value.map((key, i) => {
    const bytes = toBytes(key, `${argument}[${i}]`);
    if (bytes.length === 0) throw new InvalidArgumentError(`${argument}[${i}]`, 'a non-empty key', key);
    return bytes;
  });
  keys.sort(Buffer.compare);
  for (let i = 1; i < keys.length; i++) {
    if (keys[i]!.equals(keys[i - 1]!)) {
      throw new InvalidArgumentError(argument, 'distinct keys', keys[i]!.toString('latin1'));
    }
  }
  return keys;
}

/** HBase's rule for namespace names (`TableName.isLegalNamespaceName`). */
const NAMESPACE = /^[A-Za-z0-9_]+$/;

/** @internal Validates a namespace name. */
export function requireNamespace(value: unknown): string {
  const name = requireString(value, 'name');
  if (!NAMESPACE.test(name)) {
    throw new InvalidArgumentError('name', 'a namespace name: letters, digits and _ only', value);
  }
  return name;
}

/** @internal Validates a namespace's configuration: string keys to string values. */
export function toConfiguration(value: unknown): Record<string, string> {
  const entries = requirePlainObject(value, 'configuration');
  const configuration: Record<string, string> = {};
  for (const key of Object.keys(entries))
    configuration[key] = requireString(entries[key], `configuration.${key}`);
  return configuration;
}
