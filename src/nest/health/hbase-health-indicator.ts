import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { ConnectionPool } from '../../client/connection-pool';
import { InvalidArgumentError } from '../../client/errors';
import { optionalInteger, requireOptions } from '../../client/validate';
import { corePoolToken, resolveConnectionName } from '../tokens';
import { pingWithin } from './ping-within';

/** Options of {@link HBaseHealthIndicator.pingCheck}. */
export interface HBasePingCheckOptions {
  /**
   * Milliseconds the whole check may take: waiting for a free connection of the pool, opening it
   * if none is open, and the round trip (default `1000`). Past it the check reports down.
   */
  timeout?: number;
  /** The connection to check, as named in `forRoot`/`forRootAsync` (default: the default one). */
  connectionName?: string;
}

/** The check's timeout when none is given: terminus's own indicators wait as long. */
const DEFAULT_TIMEOUT_MS = 1000;

/**
 * A health indicator for `@nestjs/terminus`: `pingCheck` makes one cheap round trip to the
 * gateway through a connection's pool (`pool.ping()`) and reports `up` with its latency
 * (`latencyMs`), or `down` with a `message` when the gateway cannot be reached or does not answer
 * within the timeout. It never throws for an unhealthy gateway, and never hangs.
 *
 * Register it with {@link HBaseHealthModule} (or list it in the `providers` of a module that
 * imports `TerminusModule`), then call it from a `@HealthCheck()` handler.
 *
 * @example
 * ```ts
 * @Controller('health')
 * class HealthController {
 *   constructor(
 *     private readonly health: HealthCheckService,
 *     private readonly hbase: HBaseHealthIndicator,
 *   ) {}
 *
 *   @Get()
 *   @HealthCheck()
 *   check() {
 *     return this.health.check([() => this.hbase.pingCheck('hbase', { timeout: 1500 })]);
 *   }
 * }
 * ```
 */
@Injectable()
export class HBaseHealthIndicator {
  readonly #indicators: HealthIndicatorService;
  readonly #moduleRef: ModuleRef;

  constructor(indicators: HealthIndicatorService, moduleRef: ModuleRef) {
    this.#indicators = indicators;
    this.#moduleRef = moduleRef;
  }

  /**
   * Pings the gateway of connection `options.connectionName` and reports under `key`: `up` with
   * `latencyMs`, or `down` with a `message` (the error's class and message, or that no answer came
   * within `options.timeout` ms, or that no such connection is configured). Arguments are checked
   * first: a bad one throws `InvalidArgumentError`.
   */
  async pingCheck<const Key extends string>(
    key: Key,
    options?: HBasePingCheckOptions,
  ): Promise<HealthIndicatorResult<Key>> {
    if (typeof key !== 'string' || key.length === 0) {
      throw new InvalidArgumentError('key', 'a non-empty string', key);
    }
    const o = requireOptions(options, 'options', ['timeout', 'connectionName']);
    const timeout = optionalInteger(o.timeout, 'options.timeout', 1, 2 ** 31 - 1) ?? DEFAULT_TIMEOUT_MS;
    const connection = resolveConnectionName(o.connectionName, 'options.connectionName');
    const indicator = this.#indicators.check(key);
    const pool = this.#pool(connection);
    if (pool === undefined)
      return indicator.down({ message: `no HBase connection "${connection}" is configured` });
    const outcome = await pingWithin(pool, timeout);
    return outcome.up
      ? indicator.up({ latencyMs: Math.round(outcome.latency * 10) / 10 })
      : indicator.down({ message: outcome.message });
  }

  /** The pool of a connection, through the token its (global) core module exports. */
  #pool(connection: string): ConnectionPool | undefined {
    try {
      return this.#moduleRef.get<ConnectionPool>(corePoolToken(connection), { strict: false });
    } catch {
      return undefined; // no forRoot for this name
    }
  }
}

// Called as functions, not written as decorators: the library compiles with standard (TC39)
// decorators, which have no parameter decorators, while Nest reads this metadata either way.
Inject(HealthIndicatorService)(HBaseHealthIndicator, undefined, 0);
Inject(ModuleRef)(HBaseHealthIndicator, undefined, 1);
