import type { Durability } from '../durability';
import { TDurability } from './generated/hbase_types';

const T_DURABILITY: Readonly<Record<Durability, TDurability>> = {
  default: TDurability.USE_DEFAULT,
  skipWal: TDurability.SKIP_WAL,
  asyncWal: TDurability.ASYNC_WAL,
  syncWal: TDurability.SYNC_WAL,
  fsyncWal: TDurability.FSYNC_WAL,
};

/**
 * @internal A write's durability for Thrift2: none when nothing was asked (the gateway then uses
 * the table's), SKIP_WAL when a mutation said `wal: false`, else the durability asked.
 */
export function toTDurability(durability: Durability | undefined, wal: boolean): TDurability | undefined {
  if (!wal) return TDurability.SKIP_WAL;
  return durability === undefined ? undefined : T_DURABILITY[durability];
}

/** @internal Thrift2's durability as ours (`'default'` when absent). */
export function fromTDurability(durability: TDurability | undefined): Durability {
  const entry = Object.entries(T_DURABILITY).find(([, value]) => value === durability);
  return entry === undefined ? 'default' : (entry[0] as Durability);
}
