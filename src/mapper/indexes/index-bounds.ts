import { prefixUpperBound } from '../../client/bytes';
import { InvalidArgumentError } from '../../client/errors';
import { isCodecError } from '../../codecs/codec-error';
import { rejectedByCodec } from '../codec-rejection';
import type { IndexMetadata } from './index-metadata';

/**
 * A value to look up or bound a range with: the field's value for an index of one field; for an
 * index of several fields, an array of the leading fields' values, in index order
 * (`['pro']`, `['pro', 18]`).
 */
export type IndexValue = unknown;

/** @internal The rows of an index read: from `start` (inclusive) to `stop` (exclusive). */
export interface IndexRange {
  start: Buffer | undefined;
  stop: Buffer | undefined;
  /** Nothing can match (a `gt` bound above every key). */
  empty?: boolean;
}

/** @internal The index row prefix of a value (or leading values), checked. */
export function indexPrefix(index: IndexMetadata, value: IndexValue, argument: string): Buffer {
  const composite = index.fields.length > 1;
  const leading = composite ? value : [value];
  if (value === undefined || value === null) {
    throw new InvalidArgumentError(argument, `a value of index ${index.name}`, value);
  }
  if (
    !Array.isArray(leading) ||
    leading.length === 0 ||
    leading.length > index.fields.length ||
    leading.some((v) => v === undefined || v === null)
  ) {
    throw new InvalidArgumentError(
      argument,
      `an array of 1 to ${index.fields.length} leading values of index ${index.name} ` +
        `(${index.fields.map((f) => f.property).join(', ')})`,
      value,
    );
  }
  try {
    return index.keyCodec.encodePrefix(leading as never);
  } catch (error) {
    if (!isCodecError(error)) throw error;
    throw rejectedByCodec(argument, error);
  }
}

/** @internal Range bounds of an index scan, as given. */
export interface RangeBounds {
  equals?: IndexValue;
  gte?: IndexValue;
  gt?: IndexValue;
  lte?: IndexValue;
  lt?: IndexValue;
}

/**
 * @internal The rows a lookup or range reads. Ranges need an index whose codecs keep order;
 * `equals` excludes the bounds, and at most one lower and one upper bound are given.
 */
export function indexRange(index: IndexMetadata, o: RangeBounds, argument: string): IndexRange {
  const given = (['gte', 'gt', 'lte', 'lt'] as const).filter((b) => o[b] !== undefined);
  if (o.equals !== undefined) {
    if (given.length > 0) {
      throw new InvalidArgumentError(`${argument}.${given[0]}`, 'no range bound with `equals`', o[given[0]!]);
    }
    const prefix = indexPrefix(index, o.equals, `${argument}.equals`);
    return { start: prefix, stop: prefixUpperBound(prefix) };
  }
  if (given.length > 0 && !index.ordered) {
    throw new InvalidArgumentError(
      `${argument}.${given[0]}`,
      `an exact lookup (equals): index ${index.name} has a field whose codec does not keep order, so it has no ranges`,
      o[given[0]!],
    );
  }
  if (o.gte !== undefined && o.gt !== undefined) {
    throw new InvalidArgumentError(`${argument}.gt`, 'one lower bound (gte or gt)', o.gt);
  }
  if (o.lte !== undefined && o.lt !== undefined) {
    throw new InvalidArgumentError(`${argument}.lt`, 'one upper bound (lte or lt)', o.lt);
  }
  if (o.gt !== undefined && prefixUpperBound(indexPrefix(index, o.gt, `${argument}.gt`)) === undefined) {
    return { start: undefined, stop: undefined, empty: true };
  }
  const start =
    o.gte !== undefined
      ? indexPrefix(index, o.gte, `${argument}.gte`)
      : o.gt !== undefined
        ? (prefixUpperBound(indexPrefix(index, o.gt, `${argument}.gt`)) ?? Buffer.alloc(0))
        : undefined;
  const stop =
    o.lt !== undefined
      ? indexPrefix(index, o.lt, `${argument}.lt`)
      : o.lte !== undefined
        ? prefixUpperBound(indexPrefix(index, o.lte, `${argument}.lte`))
        : undefined;
  return { start: start?.length === 0 ? undefined : start, stop };
}
