import { InvalidArgumentError } from '../client/errors';
import { toFilterBytes } from '../client/filter/to-filter-bytes';
import { andFilters, quoteFilterArgument } from '../client/filter-string';
import { ProgressMeter, type ProgressSettings, progressSettings } from '../client/progress';
import type { RowData, RowEntry } from '../client/row-data';
import type { ScanOptions } from '../client/scan-request';
import { optionalTimeRange, type TimeRange } from '../client/time-range';
import { optionalBoolean, optionalInteger, optionalTimestamp } from '../client/validate';
import type { ConnectionSource } from './connection-source';
import { columnsOf, type DecodeErrorHandler, encodeKey, encodeKeyPrefix } from './entity-mapping';
import { finishingProgress } from './finishing-progress';
import { type KeyRange, rangeContains, rowBoundsOf } from './key-range';
import { type KeySpace, logicalKey } from './key-space';
import type { EntityMetadata } from './metadata/entity-metadata';
import { decodePageCursor, PAGE_CURSOR_EXPECTED, type PageScope } from './page-cursor';
import { PARALLEL_OPTIONS, type ParallelPlan, parallelPlan } from './parallel-runs';
import { planWhere, type WherePlan } from './query/where-plan';
import { requireDecodeErrorHandler } from './row-conversion';
import { iterateRuns, type RunOrder } from './scan-runs';

/** @internal Scans of entities never ask for timestamps. */
export type RowScanOptions = ScanOptions & { includeTimestamp?: false };

/** @internal The options of `Repository.scan()` (and, but for what they refuse, of count and page). */
export const SCAN_OPTIONS = [
  'start',
  'stop',
  'prefix',
  'limit',
  'reverse',
  'filter',
  'batchSize',
  'select',
  'idleTimeout',
  'timestamp',
  'timeRange',
  'versions',
  'onDecodeError',
  'onProgress',
  'progressInterval',
  'where',
  ...PARALLEL_OPTIONS,
] as const;

/** @internal `page()` takes `size` and `after` besides the scan options (and refuses `limit`; a page needs key order from one scanner: no `parallel`). */
export const PAGE_OPTIONS = [
  ...SCAN_OPTIONS.filter(
    (name): name is Exclude<typeof name, (typeof PARALLEL_OPTIONS)[number]> =>
      !PARALLEL_OPTIONS.includes(name as never),
  ),
  'size',
  'after',
] as const;

/** @internal Options read from their own properties only (see `requireOptions`), not yet checked. */
export type OwnScanOptions = Partial<Record<(typeof PAGE_OPTIONS | typeof SCAN_OPTIONS)[number], unknown>>;

/** @internal A validated repository scan: the keys it covers, and what each of its runs shares. */
export interface EntityScanPlan {
  range: KeyRange;
  /** limit, batchSize, filter (as bytes), columns, idleTimeout. */
  shared: RowScanOptions & { filter?: Buffer };
  /** What to do with a cell that does not decode. */
  onDecodeError: DecodeErrorHandler;
  /** With `versions`: how many versions of each cell the scan reads (rows then carry lists). */
  versions: number | undefined;
  /** With `parallel`: each run is read by several scanners at once (see parallel-runs.ts). */
  parallel?: ParallelPlan | undefined;
  /** With `onProgress`: every run counts into one meter per iteration (not in `shared`). */
  progress: ProgressSettings | undefined;
  /** With `where`: what it adds (see `planWhere`). */
  where?: WherePlan;
}

/**
 * @internal Validates the scan options of an entity (own properties only) and plans the scan in
 * logical key bytes (for a salted key, without the salt byte): an `undefined` bound given is an
 * error, never a scan of the whole table.
 */
export function planEntityScan(meta: EntityMetadata, space: KeySpace, o: OwnScanOptions): EntityScanPlan {
  for (const bound of ['start', 'stop', 'prefix'] as const) {
    if (Object.hasOwn(o, bound) && o[bound] === undefined) {
      throw new InvalidArgumentError(
        `options.${bound}`,
        'a key (an undefined bound would scan the whole table)',
        undefined,
      );
    }
  }
  if (o.prefix !== undefined && (o.start !== undefined || o.stop !== undefined)) {
    throw new InvalidArgumentError('options.prefix', 'no start or stop alongside it', o.prefix);
  }
  const logical = (key: unknown, argument: string) => logicalKey(space, encodeKey(meta, key, argument));
  const range: KeyRange = { reverse: optionalBoolean(o.reverse, 'options.reverse') ?? false };
  if (o.start !== undefined) range.start = logical(o.start, 'options.start');
  if (o.stop !== undefined) range.stop = logical(o.stop, 'options.stop');
  if (o.prefix !== undefined) {
    const prefix = encodeKeyPrefix(meta, o.prefix, 'options.prefix');
    if (prefix.length === 0) throw new InvalidArgumentError('options.prefix', 'a non-empty prefix', o.prefix);
    range.prefix = prefix;
  }
  const shared: EntityScanPlan['shared'] = {
    limit: optionalInteger(o.limit, 'options.limit', 1),
    batchSize: optionalInteger(o.batchSize, 'options.batchSize', 1),
    idleTimeout: optionalInteger(o.idleTimeout, 'options.idleTimeout', 1, 2 ** 31 - 1),
  };
  if (o.filter !== undefined) shared.filter = toFilterBytes(o.filter, 'options.filter');
  const timestamp = optionalTimestamp(o.timestamp, 'options.timestamp');
  if (timestamp !== undefined) shared.timestamp = o.timestamp as number | bigint;
  if (optionalTimeRange(o.timeRange, 'options.timeRange', timestamp) !== undefined) {
    shared.timeRange = o.timeRange as TimeRange;
  }
  const columns = columnsOf(meta, o.select as string[] | undefined);
  if (columns !== undefined) shared.columns = columns;
  const versions = optionalInteger(o.versions, 'options.versions', 1, 2 ** 31 - 1);
  if (versions !== undefined) {
    // Rows then come as each cell's versions with their timestamps, for the @Versions histories.
    Object.assign(shared, { versions, includeTimestamp: true });
  }
  return {
    range,
    shared,
    onDecodeError: requireDecodeErrorHandler(o.onDecodeError),
    versions,
    progress: progressSettings(o),
    parallel: parallelPlan(o),
    ...(Object.hasOwn(o, 'where') ? { where: planWhere(meta, space, o.where, range, shared, o.prefix) } : {}),
  };
}

/**
 * @internal The row key a page cursor resumes after, as logical bytes: it must be a cursor of
 * this scope, a key of this entity, and lie inside the scan's range.
 */
export function resumeAfter(
  meta: EntityMetadata,
  space: KeySpace,
  plan: EntityScanPlan,
  scope: PageScope,
  after: unknown,
): Buffer {
  const rowKey = decodePageCursor(scope, after, 'options.after');
  try {
    meta.keyCodec.decode(rowKey);
  } catch {
    throw new InvalidArgumentError('options.after', PAGE_CURSOR_EXPECTED, after);
  }
  const logical = logicalKey(space, rowKey);
  if (!rangeContains(plan.range, logical)) {
    throw new InvalidArgumentError('options.after', PAGE_CURSOR_EXPECTED, after);
  }
  return logical;
}

/** @internal The client scans of a plan: one per run of rows (one, or one per salt bucket). */
export function runsOf(space: KeySpace, plan: EntityScanPlan, after: Buffer | undefined): RowScanOptions[] {
  // A where no row can match reads nothing.
  if (plan.where?.empty) return [];
  return space.leads.map((lead) => {
    const { rowStart, rowStop, mustStartWith } = rowBoundsOf(lead, plan.range, after);
    const run: RowScanOptions = { ...plan.shared };
    if (rowStart !== undefined) run.rowStart = rowStart;
    if (rowStop !== undefined) run.rowStop = rowStop;
    if (plan.range.reverse) run.reverse = true;
    if (mustStartWith !== undefined) {
      const prefixFilter = Buffer.concat([
        Buffer.from('PrefixFilter('),
        quoteFilterArgument(mustStartWith),
        Buffer.from(')'),
      ]);
      run.filter = andFilters(plan.shared.filter, prefixFilter);
    }
    return run;
  });
}

/** @internal How the runs of a plan come out as one sequence. */
export function runOrder(space: KeySpace, plan: EntityScanPlan): RunOrder {
  return {
    leadLength: space.leadLength,
    reverse: plan.range.reverse,
    limit: plan.shared.limit ?? Number.POSITIVE_INFINITY,
    parallel: plan.parallel,
  };
}

/** @internal The rows of a plan (after `after`, a logical key), in key order, mapped as handed out. */
export function planRows<T>(
  source: ConnectionSource,
  meta: EntityMetadata,
  space: KeySpace,
  plan: EntityScanPlan,
  after: Buffer | undefined,
  map: (entry: RowEntry<RowData>) => T,
): AsyncIterator<T> {
  const runs = runsOf(space, plan, after);
  if (plan.progress === undefined) return iterateRuns(source, meta.table, runs, runOrder(space, plan), map);
  const meter = new ProgressMeter('scan', plan.progress);
  return finishingProgress(iterateRuns(source, meta.table, runs, runOrder(space, plan), map, meter), meter);
}
