import { InvalidArgumentError } from './errors';
import { thrift2Only } from './gateway/thrift2-only';
import { requireOneOf } from './validate';

/**
 * How a write reaches HBase's write-ahead log (WAL), per put, delete or batch (Thrift2 gateway):
 * - `'default'`: the table's setting (itself `syncWal` unless the table says otherwise);
 * - `'skipWal'`: not at all: fastest, but the write is lost if a region server crashes before it
 *   flushes;
 * - `'asyncWal'`: the WAL is written in the background: a crash may lose the last writes;
 * - `'syncWal'`: the write returns once the WAL entry reached the file system (HDFS's memory);
 * - `'fsyncWal'`: the write returns once the WAL entry is on disk.
 *
 * A Thrift1 gateway takes a write-ahead-log flag only (`wal`): there `'skipWal'` and `'syncWal'`
 * are accepted (the flag `false` and `true`) and the others are refused with `NotSupportedError`
 * before anything is sent.
 */
export type Durability = 'default' | 'skipWal' | 'asyncWal' | 'syncWal' | 'fsyncWal';

/** @internal Every durability, in the order error messages list them. */
export const DURABILITIES: readonly Durability[] = ['default', 'skipWal', 'asyncWal', 'syncWal', 'fsyncWal'];

/**
 * @internal Validates a `durability` option, and that it does not contradict `wal` (the two say
 * the same thing: only one may be given).
 */
export function optionalDurability(value: unknown, argument: string, wal: unknown): Durability | undefined {
  if (value === undefined) return undefined;
  const durability = requireOneOf(value, argument, DURABILITIES);
  if (wal !== undefined) {
    throw new InvalidArgumentError(
      argument,
      'not together with the wal option (durability replaces it)',
      value,
    );
  }
  return durability;
}

/** @internal Whether a write with this durability goes to the WAL at all (Thrift1's `writeToWAL`). */
export function writesWal(durability: Durability | undefined, wal: boolean): boolean {
  return durability === undefined ? wal : durability !== 'skipWal';
}

/**
 * @internal Refuses, on a Thrift1 gateway, a durability its `writeToWAL` flag cannot say (all but
 * `skipWal` and `syncWal`: Thrift1 turns the flag into SKIP_WAL or SYNC_WAL).
 */
export function requireThrift1Durability(durability: Durability | undefined, argument: string): void {
  if (durability === undefined || durability === 'skipWal' || durability === 'syncWal') return;
  throw thrift2Only(`${argument} '${durability}'`);
}

/**
 * @internal The more durable of two: a row's mutations go to HBase as one write with one
 * durability, and none may lose the durability it asked for.
 */
export function strongerDurability(
  a: Durability | undefined,
  b: Durability | undefined,
): Durability | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

/** `default` ranks below `syncWal`: it is what the table says, possibly less. */
const STRENGTH: Record<Durability, number> = { skipWal: 0, asyncWal: 1, default: 2, syncWal: 3, fsyncWal: 4 };
