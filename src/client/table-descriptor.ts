import type { FullColumnFamilyDescriptor } from './column-family';
import type { Durability } from './durability';

/** A table's schema as a Thrift2 gateway reads it back (`table.descriptor()`). */
export interface TableDescriptor {
  /** The table's full name: with its prefix, and `ns:` when not in the default namespace. */
  name: string;
  /** Every column family with all its settings, keyed by family name. */
  families: Record<string, FullColumnFamilyDescriptor>;
  /** The durability of writes that ask for `'default'`. */
  durability: Durability;
  /** Replicas of each region, the primary included (1: none besides it). */
  regionReplication: number;
  /**
   * Every value HBase keeps for the table, as strings: `REGION_REPLICATION`, `MAX_FILESIZE`,
   * `hbase.store.file-tracker.impl`... (what the typed fields say, and what they do not).
   */
  attributes: Record<string, string>;
}
