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
}
