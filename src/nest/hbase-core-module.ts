import {
  type DynamicModule,
  Inject,
  Logger,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { ConnectionPool } from '../client/connection-pool';
import { featureEntities } from './feature-entities';
import { openPool } from './open-pool';
import { corePoolToken } from './tokens';

/** @internal Module-local token of the connection options (each core module has its own). */
export const HBASE_CONNECTION_OPTIONS = Symbol('HBaseConnectionOptions');
// Module-local alias of this module's pool, so one class can serve every named connection.
const OWN_POOL = Symbol('HBaseOwnPool');

const logger = new Logger('HBaseModule');

/**
 * @internal Owns one connection's pool: creates it (and synchronises the schema) at start-up,
 * exports it to every module for `forFeature`, and closes it when the application shuts down.
 * Global so that feature modules reach it without importing it; Nest runs global modules'
 * shutdown hooks last, so the pool outlives the shutdown hooks of the app's (non-global) modules.
 */
export class HBaseCoreModule implements OnApplicationShutdown {
  readonly #pool: ConnectionPool;

  constructor(pool: ConnectionPool) {
    this.#pool = pool;
  }

  /** The core module of connection `name`, whose options come from `optionsProviders`. */
  static register(
    name: string,
    optionsProviders: Provider[],
    imports: ModuleMetadata['imports'] = [],
  ): DynamicModule {
    const token = corePoolToken(name);
    return {
      module: HBaseCoreModule,
      global: true,
      // DiscoveryModule lists the app's providers, among them the repositories of `forFeature`,
      // whose entities `autoLoadEntities` adds.
      imports: [...imports, DiscoveryModule],
      providers: [
        ...optionsProviders,
        {
          provide: token,
          useFactory: (options: unknown, discovery: DiscoveryService) =>
            openPool(options, name, logger, () => featureEntities(discovery, name)),
          inject: [HBASE_CONNECTION_OPTIONS, DiscoveryService],
        },
        { provide: OWN_POOL, useExisting: token },
      ],
      exports: [token],
    };
  }

  /**
   * Waits for the leases in progress (at most {@link SHUTDOWN_LEASE_TIMEOUT_MS}), then closes every
   * connection of the pool: an abandoned lease must not keep the application from stopping.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.#pool.close({ timeout: SHUTDOWN_LEASE_TIMEOUT_MS });
  }
}

/** How long shutdown waits for leases still in progress before closing their connections. */
const SHUTDOWN_LEASE_TIMEOUT_MS = 10_000;

// Called as a function, not written as a decorator: the library compiles with standard (TC39)
// decorators, which have no parameter decorators, while Nest reads this metadata either way.
Inject(OWN_POOL)(HBaseCoreModule, undefined, 0);
