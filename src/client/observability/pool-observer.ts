import type { EventEmitter } from 'node:events';
import type { Connection } from '../connection';
import type { ServerAddress } from '../connection-options';
import type { GatewayBalancer } from '../gateway-balancer';
import type { PoolStats } from '../pool-stats';
import type { ConnectionPoolEvents } from './events';
import { type Logger, LogSink } from './logger';
import { emitIfHeard, type SocketRef } from './observer';

/**
 * @internal The one place a pool's events, logs and counters are fed from, so the hook-up points
 * in connection-pool.ts stay a line each. Holds its pool only weakly, so that its connections
 * (which report to it) never keep an abandoned pool alive.
 */
export class PoolObserver {
  readonly log: LogSink;
  /** The channels of the pool's connections, for the leak watch (which must not hold the pool). */
  readonly sockets = new Set<SocketRef>();
  readonly #pool: WeakRef<EventEmitter>;
  readonly #size: number;
  #created = 0;
  #destroyed = 0;
  #failures = 0;

  constructor(pool: EventEmitter, size: number, logger: Logger | undefined) {
    this.#pool = new WeakRef(pool);
    this.#size = size;
    this.log = new LogSink(logger);
  }

  emit<K extends keyof ConnectionPoolEvents>(name: K, ...args: ConnectionPoolEvents[K]): void {
    emitIfHeard(this.#pool.deref(), name, args);
  }

  /** Whether `name` has listeners or messages are written (else nothing need be built). */
  heard(name: keyof ConnectionPoolEvents): boolean {
    return this.log.enabled || (this.#pool.deref()?.listenerCount(name) ?? 0) > 0;
  }

  /** Told of each gateway's failures and recoveries (a pool over several gateways). */
  balancer: GatewayBalancer | undefined;

  /** A connection of the pool failed to reach `server`, or lost its socket to it. */
  gatewayFailed(server: ServerAddress): void {
    this.balancer?.failed(server);
  }

  /** A connection of the pool opened a socket to `server`. */
  gatewayOpened(server: ServerAddress): void {
    this.balancer?.opened(server);
  }

  /** A transport failure on one of the pool's connections (see `PoolStats.failures`). */
  countFailure(): void {
    this.#failures++;
  }

  /** The pool created `connection`; returns it. */
  created(connection: Connection): Connection {
    this.#created++;
    this.sockets.add(connection.socketRef);
    if (this.heard('create')) {
      const open = this.#created - this.#destroyed;
      this.log.write('debug', `pool: created a connection (${open} of ${this.#size})`);
      this.emit('create', { connection });
    }
    return connection;
  }

  /** The pool is closing `connection` for good: `failed` when its lease failed (a replacement). */
  destroyed(connection: Connection, failed: boolean): void {
    this.#destroyed++;
    this.sockets.delete(connection.socketRef);
    if (!this.heard('destroy')) return;
    const where = `${connection.host}:${connection.port}`;
    if (failed) {
      this.log.write(
        'warn',
        `pool: replacing a connection to ${where} whose lease ended with a transport failure`,
      );
    } else {
      this.log.write('debug', `pool: closed a connection to ${where}`);
    }
    this.emit('destroy', { connection, reason: failed ? 'failed' : 'closed' });
  }

  /** A lease gave up after `timeout` ms. */
  acquireTimedOut(timeout: number, leased: number, waiting: number): void {
    if (!this.heard('acquireTimeout')) return;
    const counts = `size ${this.#size}, leased ${leased}, waiting ${waiting}`;
    this.log.write('warn', `pool: no connection became free within ${timeout} ms (${counts})`);
    this.emit('acquireTimeout', { timeout, waiting });
  }

  /** The pool closed. */
  closed(): void {
    if (!this.heard('close')) return;
    this.log.write('debug', `pool: closed (connections closed in all: ${this.#destroyed})`);
    this.emit('close');
  }

  /** See {@link PoolStats}: the counts only the pool knows are given. */
  stats(leased: number, waiting: number): PoolStats {
    const open = this.#created - this.#destroyed;
    return {
      size: this.#size,
      open,
      // Not generic-pool's `available`, which keeps counting the connections its clear() destroyed.
      idle: Math.max(0, open - leased),
      leased,
      waiting,
      created: this.#created,
      destroyed: this.#destroyed,
      failures: this.#failures,
    };
  }
}
