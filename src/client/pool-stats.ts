import type { ConnectionPool } from './connection-pool';

/**
 * A snapshot of a {@link ConnectionPool}, from `pool.stats()`. The counters (`created`,
 * `destroyed`, `failures`) count since the pool was made; the others describe this instant.
 * At rest (no lease starting or ending), `open === idle + leased === created - destroyed`.
 */
export interface PoolStats {
  /** The most connections the pool holds (its `size` option). */
  size: number;
  /**
   * Connections the pool holds, idle or leased (`created - destroyed`). Connections open their
   * socket on their first call, so one that was never used holds none yet.
   */
  open: number;
  /** Connections held and not leased (`open - leased`): the next leases get them without waiting. */
  idle: number;
  /** Connections leased right now (a nested lease in the same task reuses its parent's: not counted). */
  leased: number;
  /** Leases waiting for a connection to become free (those that gave up on their `timeout` not counted). */
  waiting: number;
  /** Connections the pool created. */
  created: number;
  /**
   * Connections the pool closed for good: replaced after a lease that ended with a transport
   * failure (their `destroy` event says `reason: 'failed'`), or closed with the pool.
   */
  destroyed: number;
  /**
   * Transport failures on the pool's connections (each one an `'error'` event, heard or not): a
   * connection attempt that failed, a socket lost (closed by the gateway, broken, dropped after a
   * call timed out or a reply could not be read), a failed or timed-out HTTP request, an HTTP
   * answer other than 200. A lost socket counts once, however many calls it was carrying. A gateway
   * passed over for serving the other Thrift API is not counted.
   */
  failures: number;
  /**
   * With several gateways (`servers`): the pool's connections per gateway (`'host:port'`, where
   * each connection is now, every gateway listed), and the gateways ejected after a failure and
   * not yet eligible again. Absent for a pool over one gateway.
   */
  gateways?: PoolGatewayStats;
}

/** How a pool over several gateways spreads its connections (see {@link PoolStats.gateways}). */
export interface PoolGatewayStats {
  /** The pool's connections per gateway (`'host:port'`), where each is now; every gateway listed. */
  connections: Record<string, number>;
  /** The gateways ejected after a failure and not yet eligible again. */
  ejected: string[];
}
