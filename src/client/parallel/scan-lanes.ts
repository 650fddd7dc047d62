import type { Connection } from '../connection';
import { type ConnectionPool, connectionInScope } from '../connection-pool';
import { type ScanConnections, singleConnection } from '../scan-connections';

/** @internal What one lane of a parallel scan reads on, and how it gives it back. */
export interface ScanLane {
  /** Every call of the lane's scanners: on one connection, so on one gateway. */
  connections: ScanConnections;
  /** Gives the lane's lease back (nothing for a lane on a connection it does not own). */
  release(): Promise<void>;
}

/**
 * @internal Where the lanes of a parallel scan of a table on `connection` run.
 *
 * Over a pool: each lane holds a lease of its own, pinned to a gateway, the gateways taken in
 * turn (the healthy ones): a scanner lives in the gateway process that opened it, and each Thrift
 * connection is served one call at a time, so lanes on separate connections — and gateways — are
 * what makes the scan parallel. Lane 0 runs on the connection of the `pool.connection()` block the
 * scan runs in, if any: with every lease held (a pool of one inside such a block), the other
 * lanes wait for a lease while lane 0 reads every part, rather than deadlock.
 *
 * Over a single connection: every lane shares it. Calls then queue on its one socket: the parts
 * are read in turn, not side by side (a fallback, so code written for a pool runs on a
 * connection; see the scale-out guide).
 */
export function scanLanes(connection: Connection, lead?: Connection): (lane: number) => Promise<ScanLane> {
  const pool = connection.pool;
  if (pool === undefined) {
    const shared: ScanLane = { connections: singleConnection(connection), release: async () => undefined };
    return async () => shared;
  }
  // `lead`: a connection its owner holds for several scans at once (see parallel-runs.ts).
  const inScope = lead ?? connectionInScope(pool);
  const gateways = pool.gateways.length > 1 ? pool.healthyGateways() : undefined;
  return async (lane) => {
    if (lane === 0 && inScope !== undefined) {
      return { connections: singleConnection(inScope), release: async () => undefined };
    }
    return pinnedLane(pool, gateways === undefined ? undefined : gateways[lane % gateways.length]);
  };
}

async function pinnedLane(pool: ConnectionPool, gateway: string | undefined): Promise<ScanLane> {
  const lease = await pool.acquire(gateway === undefined ? undefined : { gateway });
  return { connections: singleConnection(lease.connection), release: () => lease.release() };
}
