import type { ConnectionPool } from '../../client/connection-pool';
import { HBaseError } from '../../client/errors';

/** @internal What one bounded ping found. */
export type PingOutcome = { up: true; latency: number } | { up: false; message: string };

// The ping each pool has in flight. A check that starts while one is still running (the gateway
// stalls and the probe comes back before the connection's own timeout ends it) waits for that one
// instead of leasing another connection: however often a probe asks, health checks hold at most
// one connection of the pool, and the app keeps the others.
const inFlight = new WeakMap<ConnectionPool, Promise<number>>();

/**
 * @internal Pings through `pool` and says whether the answer came within `timeout` ms. The
 * timeout bounds the whole check: waiting for a free connection, opening it if needed, and the
 * round trip, so a gateway that is down or silent makes it report down, never hang. A ping that
 * times out is left to end on its own (the connection's `timeout` ends it) and then frees its lease.
 */
export async function pingWithin(pool: ConnectionPool, timeout: number): Promise<PingOutcome> {
  let ping = inFlight.get(pool);
  if (ping === undefined) {
    const started = pool.ping({ timeout });
    ping = started;
    inFlight.set(pool, started);
    started
      .finally(() => {
        if (inFlight.get(pool) === started) inFlight.delete(pool);
      })
      .catch(() => undefined); // reported below, or nowhere if this check gave up waiting
  }
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<PingOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ up: false, message: `no answer within ${timeout} ms` }), timeout);
  });
  const answered = ping.then(
    (latency): PingOutcome => ({ up: true, latency }),
    (error: unknown): PingOutcome => ({ up: false, message: describeFailure(error) }),
  );
  try {
    return await Promise.race([answered, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The error's class and message. The client's own messages never hold secrets or user data; any
 * other error is named by its class only, since its message could.
 */
function describeFailure(error: unknown): string {
  if (error instanceof HBaseError) return `${error.name}: ${error.message}`;
  return error instanceof Error ? `unexpected ${error.name}` : 'unexpected failure';
}
