import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { createPool, type Pool } from 'generic-pool';
import { withCallerStack } from './caller-stack';
import { Connection } from './connection';
import { type ConnectionOptions, resolveConnectionOptions } from './connection-options';
import { HBaseError, InvalidArgumentError, NoConnectionsAvailableError, TransportError } from './errors';
import { GatewayBalancer } from './gateway-balancer';
import type { ConnectionPoolEvents } from './observability/events';
import { creationStack, unwatchForLeak, watchForLeak } from './observability/leak-watch';
import { PoolObserver } from './observability/pool-observer';
import type { PoolStats } from './pool-stats';
import { optionalInteger, requireInteger, requireOptions } from './validate';

/** Options of a {@link ConnectionPool}: its size plus the options of every connection. */
export interface ConnectionPoolOptions extends ConnectionOptions {
  /** How many connections the pool holds at most (opened lazily, on demand). */
  size: number;
}

/** Options of one lease. */
export interface LeaseOptions {
  /** Milliseconds to wait for a free connection before `NoConnectionsAvailableError` (default: no limit). */
  timeout?: number;
  /**
   * A lease pinned to one gateway of the pool's `servers` (`'host:port'`, as in
   * {@link ConnectionPool.gateways}): the connection handed out talks to that gateway (a free
   * connection to another one is moved there, at the cost of a new socket). It fails over to the
   * next gateway if that one cannot be reached, as every connection does: compare
   * `connection.host`/`port` if it matters. A parallel scan leases so, keeping each scanner on
   * the gateway process that holds it.
   */
  gateway?: string;
}

/** A leased connection, returned to the pool at the end of an `await using` block. */
export interface ConnectionLease extends AsyncDisposable {
  /** The leased connection. */
  readonly connection: Connection;
  /** Returns the connection to the pool (or replaces it if it failed). Idempotent. */
  release(): Promise<void>;
}

/**
 * What a lease shares with the code it runs. A nested lease in the same async task reuses the
 * connection; a second concurrent child of the same task (e.g. started by `Promise.all`) gets
 * its own, because `childActive` is already set.
 */
interface LeaseScope {
  /**
   * Weakly: Node keeps a scope with every async resource made in it (the sockets opened during a
   * lease), and a pool must stay collectable for its leak warning.
   */
  pool: WeakRef<ConnectionPool>;
  connection: Connection;
  childActive: boolean;
  /** Set when the block ends: code it left running (a timer, a scan pulled later) leases anew. */
  ended: boolean;
}

const scopes = new AsyncLocalStorage<LeaseScope>();
/** `pool.connection()` blocks running, in every pool. */
let runningBlocks = 0;

/**
 * Runs a block's `fn` with `scope` as its store. Once no block runs, the storage is disabled:
 * before Node 24, an enabled AsyncLocalStorage has Node run its promise hooks on every promise the
 * process makes, long after the last block ended (0.15 µs of client CPU per row of a parallel
 * scan, measured; the hooks stay on while any other AsyncLocalStorage is enabled, OpenTelemetry's
 * say). Code a block left running (a timer, a scan pulled later) finds no scope while the storage
 * is disabled, and its ended scope once another block enables it again: `ended` is what makes
 * both mean the same (it leases anew).
 */
async function runInScope<T>(scope: LeaseScope, fn: () => Promise<T> | T): Promise<T> {
  runningBlocks++;
  try {
    return await scopes.run(scope, fn);
  } finally {
    if (--runningBlocks === 0) scopes.disable();
  }
}

/**
 * @internal The connection of the `pool.connection()` block the caller runs in, if any. A call
 * made there that must not wait for a lease of its own uses it: the buckets of a salted scan are
 * read side by side, and with every lease held by such blocks (a pool of one, say), a lease per
 * bucket would wait forever for one of them to end. A connection pipelines concurrent calls.
 */
export function connectionInScope(pool: ConnectionPool): Connection | undefined {
  const scope = scopes.getStore();
  return scope?.pool.deref() === pool && !scope.ended ? scope.connection : undefined;
}

/**
 * A pool of connections, like HappyBase's `ConnectionPool`, built on generic-pool.
 *
 * Connections open lazily. A connection whose lease ended with a transport failure (socket
 * closed, timeout, protocol error) is closed and replaced rather than handed out again. A leased
 * connection that breaks, or that the code holding it closes, reopens on its next call, so the
 * blocks around a nested `pool.connection()` keep a working connection.
 *
 * It emits {@link ConnectionPoolEvents}: its own (`create`, `destroy`, `acquireTimeout`, `close`)
 * and its connections' (`connect`, `reconnect`, `failover`, `retry`, `error`); an unheard
 * `'error'` never throws. `stats()` counts its connections, leases and failures. A pool
 * garbage-collected while a socket of it is open emits a `ResourceWarning` (code
 * `HBASE_MAPPER_LEAK`) and closes its sockets.
 *
 * @example
 * ```ts
 * const pool = new ConnectionPool({ size: 8, host: 'localhost' });
 * const row = await pool.connection((c) => c.table('users').row('user-1'));
 * await pool.close();
 * ```
 */
export class ConnectionPool extends EventEmitter<ConnectionPoolEvents> {
  readonly #pool: Pool<Connection>;
  readonly #observer: PoolObserver;
  /** What lease scopes hold of the pool (see {@link LeaseScope.pool}). */
  readonly #self = new WeakRef(this);
  /** Connections being destroyed because their lease failed (else the pool is closing). */
  readonly #failed = new WeakSet<Connection>();
  /** Leases waiting for a connection (generic-pool's count keeps those that gave up). */
  #waiting = 0;
  readonly #size: number;
  #closing: Promise<void> | undefined;
  /** Connections currently leased out (not counting nested leases, which reuse one). */
  readonly #leased = new Set<Connection>();
  /** Every live connection (to count them per gateway). */
  readonly #all = new Set<Connection>();
  /** With several `servers`: where connections go (see GatewayBalancer). */
  readonly #balancer: GatewayBalancer | undefined;
  readonly #gateways: readonly string[];

  /**
   * Validates the options (the connection options too) without connecting. The environment
   * (`HBASE_*` variables) is read now, once for every connection of the pool.
   */
  constructor(options: ConnectionPoolOptions) {
    super();
    if (typeof options !== 'object' || options === null) {
      throw new InvalidArgumentError('options', 'an object with at least `size`', options);
    }
    const { size, ...connectionOptions } = options;
    this.#size = requireInteger(size, 'options.size', 1, 10_000);
    const resolved = { ...resolveConnectionOptions(connectionOptions), autoConnect: true };
    this.#observer = new PoolObserver(this, this.#size, resolved.logger);
    this.#gateways = Object.freeze(resolved.servers.map((s) => `${s.host}:${s.port}`));
    if (resolved.servers.length > 1) {
      this.#balancer = new GatewayBalancer(resolved.servers);
      this.#observer.balancer = this.#balancer;
    }
    this.#pool = createPool<Connection>(
      {
        create: async () => {
          const connection = Connection.forPool(resolved, this.#observer, this);
          // Spread over the gateways: the new connection goes where the pool has the fewest.
          if (this.#balancer)
            await connection.moveTo(this.#balancer.place(this.#load(), undefined, connection));
          this.#all.add(connection);
          return this.#observer.created(connection);
        },
        destroy: (connection) => this.#destroy(connection),
      },
      { max: this.#size, min: 0 },
    );
    watchForLeak(this, 'ConnectionPool', this.#observer.sockets, creationStack(1));
  }

  async #destroy(connection: Connection): Promise<void> {
    this.#all.delete(connection);
    this.#observer.destroyed(connection, this.#failed.delete(connection));
    await connection.retire();
  }

  /**
   * A snapshot of the pool's connections, leases and failures (see {@link PoolStats} for what
   * each number counts). No round trip; cheap enough to export as metrics on every scrape.
   *
   * @example
   * ```ts
   * const { leased, waiting, failures } = pool.stats();
   * ```
   */
  stats(): PoolStats {
    const stats = this.#observer.stats(this.#leased.size, this.#waiting);
    if (this.#balancer === undefined) return stats;
    const connections = Object.fromEntries(this.#gateways.map((g) => [g, 0]));
    for (const [gateway, count] of this.#load()) connections[gateway] = count;
    const healthy = this.#balancer.healthy();
    const ejected =
      healthy.length === this.#gateways.length ? [] : this.#gateways.filter((g) => !healthy.includes(g));
    return { ...stats, gateways: { connections, ejected } };
  }

  /**
   * The gateways of the pool's `servers`, as `'host:port'`, in the order given: what
   * {@link LeaseOptions.gateway} takes.
   */
  get gateways(): readonly string[] {
    return this.#gateways;
  }

  /**
   * @internal The gateways to place new work on now: those not ejected after a failure (all of
   * them when every one is).
   */
  healthyGateways(): string[] {
    return this.#balancer?.healthy() ?? [...this.#gateways];
  }

  /** The pool's connections per gateway (where each is now). */
  #load(): Map<string, number> {
    const load = new Map<string, number>();
    for (const c of this.#all) load.set(gatewayOf(c), (load.get(gatewayOf(c)) ?? 0) + 1);
    return load;
  }

  /** The maximum number of connections. */
  get size(): number {
    return this.#size;
  }

  /**
   * Runs `fn` with a leased connection and returns it to the pool afterwards. Inside `fn`, another
   * `pool.connection()` in the same async task receives the same connection.
   */
  async connection<T>(fn: (connection: Connection) => Promise<T> | T, options?: LeaseOptions): Promise<T> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('fn', 'a function', fn);
    const scope = scopes.getStore();
    const pinned = (options as LeaseOptions | undefined)?.gateway;
    if (
      scope?.pool === this.#self &&
      !scope.childActive &&
      !scope.ended &&
      (pinned === undefined || gatewayOf(scope.connection) === pinned)
    ) {
      scope.childActive = true;
      const child: LeaseScope = {
        pool: this.#self,
        connection: scope.connection,
        childActive: false,
        ended: false,
      };
      try {
        return await runInScope(child, () => fn(scope.connection));
      } finally {
        child.ended = true;
        scope.childActive = false;
      }
    }
    const lease = await this.acquire(options);
    const own: LeaseScope = {
      pool: this.#self,
      connection: lease.connection,
      childActive: false,
      ended: false,
    };
    let failure: unknown;
    try {
      return await runInScope(own, () => fn(lease.connection));
    } catch (error) {
      failure = error;
      throw withCallerStack(error);
    } finally {
      own.ended = true;
      await this.#giveBack(lease.connection, failure);
    }
  }

  /**
   * Checks that the pool can reach its gateway: leases a connection (waiting at most
   * `options.timeout` ms for one, if given) and pings through it (see {@link Connection.ping}).
   * Resolves with the round trip's milliseconds.
   */
  async ping(options?: LeaseOptions): Promise<number> {
    return this.connection((connection) => connection.ping(), options);
  }

  /** Leases a connection until `release()` (or the end of an `await using` block). */
  async acquire(options?: LeaseOptions): Promise<ConnectionLease> {
    const o = requireOptions(options, 'options', ['timeout', 'gateway']);
    const timeout = optionalInteger(o.timeout, 'options.timeout', 0, 2 ** 31 - 1);
    const gateway = o.gateway;
    if (gateway !== undefined && !this.#gateways.includes(gateway as string)) {
      throw new InvalidArgumentError('options.gateway', "one of the pool's gateways ('host:port')", gateway);
    }
    if (this.#closing) throw new HBaseError('the connection pool is closed');
    let connection: Connection;
    try {
      connection = await this.#borrow(timeout);
    } catch (error) {
      // NoConnectionsAvailableError comes from a timer: give it the caller's frames.
      throw withCallerStack(error);
    }
    if (gateway !== undefined) connection = await this.#onGateway(connection, gateway as string);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await this.#giveBack(connection, undefined);
    };
    return { connection, release, [Symbol.asyncDispose]: release };
  }

  /**
   * Waits for every lease to end, then closes every connection. Idempotent.
   *
   * With `timeout`, leases still held after that many milliseconds (an abandoned scan iterator,
   * a stuck request) have their connections closed — their calls reject with
   * `ConnectionClosedError` — instead of keeping the pool, and a shutting-down app, waiting.
   */
  async close(options?: { timeout?: number }): Promise<void> {
    const o = requireOptions(options, 'options', ['timeout']);
    const timeout = optionalInteger(o.timeout, 'options.timeout', 0, 2 ** 31 - 1);
    this.#closing ??= (async () => {
      unwatchForLeak(this);
      const drained = this.#pool.drain();
      if (timeout !== undefined && !(await settlesWithin(drained, timeout))) {
        const abandoned = [...this.#leased];
        this.#leased.clear();
        // Never handed back, so generic-pool will not destroy them: they are destroyed here.
        await Promise.all(abandoned.map((connection) => this.#destroy(connection)));
      } else {
        await drained;
      }
      await this.#pool.clear();
      this.#observer.closed();
    })();
    return this.#closing;
  }

  /** Closes the pool at the end of an `await using` block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * A leased connection to `gateway`: `connection` if it talks to it; else a free one that does,
   * taken from the pool's idle connections (the others handed straight back); else `connection`
   * moved there (a new socket). Keeps a scan's calls on its scanner's gateway without a socket
   * per call.
   */
  async #onGateway(connection: Connection, gateway: string): Promise<Connection> {
    if (gatewayOf(connection) === gateway) return connection;
    // An ejected gateway is left alone: moving there would cost a socket attempt that is known to
    // fail (then a failover). The lease stays where it is; its holder sees `host`/`port`.
    if (this.#balancer !== undefined && !this.#balancer.healthy().includes(gateway)) return connection;
    const passed: Connection[] = [];
    let found: Connection | undefined;
    try {
      // Only idle connections: borrowing them never waits nor opens one.
      while (found === undefined && this.#pool.available > 0) {
        const other = await this.#borrow(undefined);
        if (gatewayOf(other) === gateway) found = other;
        else passed.push(other);
      }
    } finally {
      await Promise.all(
        passed.map((other) => this.#pool.release(other).then(() => this.#leased.delete(other))),
      );
    }
    if (found === undefined) {
      await connection.moveTo(gateway);
      return connection;
    }
    this.#leased.delete(connection);
    await this.#pool.release(connection);
    return found;
  }

  async #borrow(timeout: number | undefined): Promise<Connection> {
    let waiting = true;
    const stopWaiting = () => {
      if (waiting) this.#waiting--;
      waiting = false;
    };
    this.#waiting++;
    const acquiring = this.#pool.acquire().then((connection) => {
      stopWaiting();
      this.#leased.add(connection);
      return connection;
    });
    if (timeout === undefined) return acquiring.finally(stopWaiting);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        stopWaiting();
        // The queued request cannot be withdrawn from generic-pool: hand its connection straight
        // back when it comes.
        acquiring.then((connection) => this.#giveBack(connection, undefined)).catch(() => undefined);
        this.#observer.acquireTimedOut(timeout, this.#leased.size, this.#waiting);
        reject(new NoConnectionsAvailableError(`no connection became available within ${timeout} ms`));
      }, timeout);
    });
    try {
      return await Promise.race([acquiring, expired]);
    } finally {
      clearTimeout(timer);
      stopWaiting();
    }
  }

  async #giveBack(connection: Connection, failure: unknown): Promise<void> {
    if (!this.#leased.delete(connection)) return; // closed by a close() that timed out
    // A connection that broke during the lease is replaced, not handed to the next caller.
    if (failure instanceof TransportError || connection.hasFailed) {
      this.#failed.add(connection);
      await this.#pool.destroy(connection);
    } else {
      // Evens the gateways out (a pinned lease moved it, a failover, a gateway back after its
      // ejection: then the move is the probe), with hysteresis: see GatewayBalancer.
      if (this.#balancer) {
        const current = gatewayOf(connection);
        const target = this.#balancer.place(this.#load(), current, connection);
        if (target !== current) await connection.moveTo(target);
      }
      await this.#pool.release(connection);
    }
  }
}

/** The gateway (`host:port`) a connection talks to now (or will, before its first call). */
function gatewayOf(connection: Connection): string {
  return `${connection.host}:${connection.port}`;
}

/** Whether `promise` settles within `ms` milliseconds (it is left running either way). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), expired]);
  } finally {
    clearTimeout(timer);
  }
}
