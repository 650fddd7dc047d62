import type { Connection } from './connection';
import { type ConnectionPool, connectionInScope } from './connection-pool';

/**
 * @internal Where the calls of one scan go.
 *
 * A server-side scanner is known by its id to the gateway process that opened it, and any
 * connection to that gateway may pull from it or close it (checked against HBase 2.6's Thrift1
 * gateway). So a scan needs no connection of its own between two calls: over a pool, each call
 * leases a connection for just its duration, and a scan dropped unfinished holds no lease.
 */
export interface ScanConnections {
  /**
   * Runs `fn` on a connection: the table's own, or one leased from a pool for this call only —
   * to `gateway` (`host:port`) when given: the gateway holding the scan's scanner.
   */
  use<T>(fn: (connection: Connection) => Promise<T>, gateway?: string): Promise<T>;
}

/** @internal Every call of the scan on one connection. */
export function singleConnection(connection: Connection): ScanConnections {
  return { use: (fn) => fn(connection) };
}

/**
 * @internal Each call of the scan on a connection leased from `pool` for that call; inside a
 * `pool.connection()` block, on the block's connection (see `connectionInScope`): the scans of a
 * salted key's buckets run side by side and must not each wait for a lease.
 */
export function pooledConnections(pool: ConnectionPool): ScanConnections {
  return {
    use: (fn, gateway) => {
      const current = connectionInScope(pool);
      if (current !== undefined) return fn(current);
      // Pinned to the scanner's gateway when the pool has several (else any lease will do).
      return gateway === undefined || pool.gateways.length < 2
        ? pool.connection(fn)
        : pool.connection(fn, { gateway });
    },
  };
}

/** @internal The gateway a connection talks to now: the one holding the scanners it opened. */
export function gatewayOf(connection: Connection): string {
  return `${connection.host}:${connection.port}`;
}
