import type { ServerAddress } from './connection-options';

/** @internal Milliseconds a gateway stays out after its first failure; doubled at each failure in a row. */
export const EJECT_BASE_MS = 1_000;
/** @internal The longest a failing gateway stays out before it is tried again. */
export const EJECT_MAX_MS = 30_000;
/**
 * @internal How long a connection is left where it arrived (placed, moved by a pinned lease,
 * failed over) before a hand-back may move it for a small imbalance.
 */
export const SETTLE_MS = 10_000;

interface GatewayState {
  key: string;
  /** Transport failures in a row (reset by a socket opened to it). */
  failures: number;
  /** Until when (ms since the epoch) no connection is sent there. */
  ejectedUntil: number;
}

/**
 * @internal How a pool over several gateways (`servers`) spreads its connections: each new
 * connection, and each connection handed back while its gateway holds more than its share, goes
 * to the healthy gateway that holds the fewest of the pool's connections (ties in turn).
 *
 * Hysteresis: a connection that arrived at its gateway less than {@link SETTLE_MS} ago stays
 * there when handed back, unless a healthy gateway holds none of the pool's connections. Without
 * it, a lease pinned to a gateway (a parallel scan's lane) moves a connection there, the hand-back
 * moves it straight back, the next pinned lease moves it again: a new socket per lease, and leases
 * flapping between gateways of nearly equal load. Left there, the next pinned lease finds it idle.
 *
 * A gateway where a connection fails (connect refused, socket lost) is ejected for a backoff
 * (1 s, doubling up to 30 s while it keeps failing). Once that has passed, it is eligible again:
 * the next connection sent there is the probe — a socket opened resets its backoff, a failure
 * ejects it for longer (and the connection fails over to the next gateway, as it always did).
 */
export class GatewayBalancer {
  readonly #gateways: GatewayState[];
  #turn = 0;
  /** Where each connection was last seen placed, and since when (see {@link SETTLE_MS}). */
  readonly #arrivals = new WeakMap<object, { gateway: string; since: number }>();

  constructor(servers: readonly ServerAddress[]) {
    this.#gateways = servers.map((s) => ({ key: `${s.host}:${s.port}`, failures: 0, ejectedUntil: 0 }));
  }

  /** The gateways, as `host:port`, in the order of `servers`. */
  get keys(): string[] {
    return this.#gateways.map((g) => g.key);
  }

  /** The gateways not ejected now (every one, when all are: something must be tried). */
  healthy(now = Date.now()): string[] {
    const up = this.#gateways.filter((g) => g.ejectedUntil <= now).map((g) => g.key);
    return up.length > 0 ? up : this.keys;
  }

  /**
   * Where a connection should be, given where the pool's connections are (`load`: count per
   * `host:port`, this connection included at `current` when given): `current` unless a healthy
   * gateway holds at least two fewer (moving must even things out, not swap them) and, while
   * `connection` is settling where it arrived, unless that gateway holds none. `connection`
   * identifies the connection across calls (its arrivals are remembered; none: no hysteresis).
   */
  place(load: ReadonlyMap<string, number>, current?: string, connection?: object, now = Date.now()): string {
    const healthy = this.healthy(now);
    const count = (key: string) => load.get(key) ?? 0;
    let best: string | undefined;
    for (let i = 0; i < healthy.length; i++) {
      const key = healthy[(this.#turn + i) % healthy.length]!;
      if (best === undefined || count(key) < count(best)) best = key;
    }
    this.#turn++;
    let target = best!;
    if (current !== undefined && healthy.includes(current)) {
      const settling = this.#settling(connection, current, now);
      const uneven = count(target) <= count(current) - 2;
      if (!uneven || (settling && count(target) > 0)) target = current;
    }
    if (connection !== undefined && this.#arrivals.get(connection)?.gateway !== target) {
      this.#arrivals.set(connection, { gateway: target, since: now });
    }
    return target;
  }

  /**
   * Whether `connection` arrived at `current` less than {@link SETTLE_MS} ago. Found somewhere
   * else than it was placed (a pinned lease moved it, a failover): it arrived now.
   */
  #settling(connection: object | undefined, current: string, now: number): boolean {
    if (connection === undefined) return false;
    const arrival = this.#arrivals.get(connection);
    if (arrival === undefined || arrival.gateway !== current) {
      this.#arrivals.set(connection, { gateway: current, since: now });
      return true;
    }
    return now - arrival.since < SETTLE_MS;
  }

  /** A connection to `server` failed: it is left out for a while. */
  failed(server: ServerAddress): void {
    const gateway = this.#find(server);
    if (gateway === undefined) return;
    const now = Date.now();
    // The pool's other connections there find out one by one: one ejection, not one per connection.
    if (gateway.ejectedUntil > now) return;
    gateway.failures++;
    const backoff = Math.min(EJECT_MAX_MS, EJECT_BASE_MS * 2 ** Math.min(gateway.failures - 1, 16));
    gateway.ejectedUntil = now + backoff;
  }

  /** A socket to `server` opened: it is healthy again. */
  opened(server: ServerAddress): void {
    const gateway = this.#find(server);
    if (gateway === undefined) return;
    gateway.failures = 0;
    gateway.ejectedUntil = 0;
  }

  #find(server: ServerAddress): GatewayState | undefined {
    const key = `${server.host}:${server.port}`;
    return this.#gateways.find((g) => g.key === key);
  }
}
