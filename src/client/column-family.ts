import { InvalidArgumentError } from './errors';
import {
  optionalBoolean,
  optionalInteger,
  requireOptions,
  requirePlainObject,
  requireString,
} from './validate';

/**
 * Settings of one column family, as given to `createTable` and returned by `families()`. The names
 * are HappyBase's in camelCase and map one to one to the gateway's `ColumnDescriptor`.
 */
export interface ColumnFamilyOptions {
  /** How many versions of each cell to keep (gateway default 3). */
  maxVersions?: number;
  /** Compression codec name, e.g. `NONE`, `GZ`, `SNAPPY` (default `NONE`). */
  compression?: string;
  /** Keep the family in the block cache with priority. */
  inMemory?: boolean;
  /** `NONE`, `ROW` or `ROWCOL`. */
  bloomFilterType?: string;
  /** Ignored by modern HBase; kept for HappyBase parity. */
  bloomFilterVectorSize?: number;
  /** Ignored by modern HBase; kept for HappyBase parity. */
  bloomFilterNbHashes?: number;
  /**
   * Cache blocks of this family when read (default `true`, HBase's default; HappyBase, through the
   * Thrift1 IDL's default, creates families without, which sends every read to the file system).
   */
  blockCacheEnabled?: boolean;
  /** Seconds a cell lives; -1 (or the gateway's default) for ever. */
  timeToLive?: number;
}

/** A family's settings as reported by the gateway: every field present, plus the family name. */
export interface ColumnFamilyDescriptor extends Required<ColumnFamilyOptions> {
  /** The family name, without the trailing `:`. */
  name: string;
}

/**
 * A family's settings as a Thrift2 gateway reports them (`table.descriptor()`): those of
 * {@link ColumnFamilyDescriptor} and the ones only Thrift2 reads back. Enum settings are HBase's
 * names (`'NONE'`, `'FAST_DIFF'`, ...).
 */
export interface FullColumnFamilyDescriptor extends ColumnFamilyDescriptor {
  /** Versions kept even past their time to live. */
  minVersions: number;
  /** HFile block size in bytes (HBase's default 65,536). */
  blockSize: number;
  /** Whether deleted cells stay readable by time-range reads: `'FALSE'`, `'TRUE'` or `'TTL'`. */
  keepDeletedCells: string;
  /** Block encoding, e.g. `'NONE'`, `'PREFIX'`, `'DIFF'`, `'FAST_DIFF'`, `'ROW_INDEX_V1'`. */
  dataBlockEncoding: string;
  /** Replication scope: 0 local, 1 replicated to peer clusters. */
  scope: number;
  /** HDFS replication of the family's files (0: the file system's default). */
  dfsReplication: number;
  /** Whether bloom filter blocks enter the block cache as they are written. */
  cacheBloomsOnWrite: boolean;
  /** Whether data blocks enter the block cache as they are written. */
  cacheDataOnWrite: boolean;
  /** Whether index blocks enter the block cache as they are written. */
  cacheIndexesOnWrite: boolean;
  /** Whether cell tags are compressed (with a compressing block encoding). */
  compressTags: boolean;
  /** Whether a file's cached blocks are evicted when the file is closed. */
  evictBlocksOnClose: boolean;
  /** Per-family configuration overrides (`hbase.*` keys); `{}` when none. */
  configuration: Record<string, string>;
  /**
   * Every value HBase keeps for the family, by its HBase name (`VERSIONS`, `IS_MOB`,
   * `NEW_VERSION_BEHAVIOR`, `STORAGE_POLICY`, user `METADATA`, ...), as text. Sent back as they
   * are when the family is modified (the typed settings above win), so that changing one setting
   * keeps the others, even those this type does not name.
   */
  attributes: Record<string, string>;
}

const FAMILY_OPTION_NAMES = [
  'maxVersions',
  'compression',
  'inMemory',
  'bloomFilterType',
  'bloomFilterVectorSize',
  'bloomFilterNbHashes',
  'blockCacheEnabled',
  'timeToLive',
] as const;

/** @internal One family of a table to create: its name (no colon) and its validated settings. */
export interface FamilySpec extends ColumnFamilyOptions {
  name: string;
}

/** @internal Validates `createTable`'s families (before anything is sent). */
export function toFamilySpecs(families: unknown): FamilySpec[] {
  const all = requirePlainObject(families, 'families');
  const names = Object.keys(all);
  if (names.length === 0) throw new InvalidArgumentError('families', 'at least one column family', families);
  const seen = new Set<string>();
  return names.map((written) => {
    // HappyBase accepts a family written with its colon ("cf:"), the way HBase shows it.
    const name = written.endsWith(':') ? written.slice(0, -1) : written;
    if (name.length === 0 || name.includes(':')) {
      throw new InvalidArgumentError(
        'families',
        'family names that are non-empty and contain no ":" (but a trailing one)',
        written,
      );
    }
    if (seen.has(name)) throw new InvalidArgumentError('families', `the family "${name}" once`, written);
    seen.add(name);
    const argument = `families.${written}`;
    const o = requireOptions(all[written] ?? {}, argument, FAMILY_OPTION_NAMES);
    const spec: FamilySpec = { name };
    const set = <K extends keyof ColumnFamilyOptions>(key: K, value: FamilySpec[K] | undefined) => {
      if (value !== undefined) spec[key] = value;
    };
    set('maxVersions', optionalInteger(o.maxVersions, `${argument}.maxVersions`, 1, 2 ** 31 - 1));
    set('compression', optionalText(o.compression, `${argument}.compression`));
    set('inMemory', optionalBoolean(o.inMemory, `${argument}.inMemory`));
    set('bloomFilterType', optionalText(o.bloomFilterType, `${argument}.bloomFilterType`));
    set(
      'bloomFilterVectorSize',
      optionalInteger(o.bloomFilterVectorSize, `${argument}.bloomFilterVectorSize`, 0),
    );
    set('bloomFilterNbHashes', optionalInteger(o.bloomFilterNbHashes, `${argument}.bloomFilterNbHashes`, 0));
    set('blockCacheEnabled', optionalBoolean(o.blockCacheEnabled, `${argument}.blockCacheEnabled`));
    set('timeToLive', optionalInteger(o.timeToLive, `${argument}.timeToLive`, -1, 2 ** 31 - 1));
    return spec;
  });
}

function optionalText(value: unknown, argument: string): string | undefined {
  return value === undefined ? undefined : requireString(value, argument);
}
