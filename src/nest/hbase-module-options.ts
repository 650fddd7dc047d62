import type {
  InjectionToken,
  ModuleMetadata,
  OptionalFactoryDependency,
  Provider,
  Type,
} from '@nestjs/common';
import type { ConnectionPoolOptions } from '../client/connection-pool';
import type { ValidateOption } from '../mapper/lifecycle/entity-validation';
import type { EntityClass } from '../mapper/metadata/entity-metadata';

/**
 * What one connection needs at run time: the pool's options (`size`, `host`, `port`,
 * `tablePrefix`, every `ConnectionOptions`) plus schema synchronisation. This is what an async
 * factory returns.
 */
export interface HBaseConnectionOptions extends ConnectionPoolOptions {
  /** The entities whose tables `synchronize` creates. */
  entities?: readonly EntityClass[];
  /**
   * Run `syncSchema` for `entities` while the module initialises, before any repository is
   * handed out: missing tables are created, differences are logged as warnings, nothing is ever
   * altered or dropped (default `false`).
   */
  synchronize?: boolean;
  /**
   * Add the entities that `HBaseModule.forFeature(entities, name)` registers on this connection
   * to `entities`, so that `synchronize` creates their tables too, without listing every entity in
   * the root module (default `false`). Only the `forFeature` modules of this app count.
   */
  autoLoadEntities?: boolean;
  /**
   * How many times start-up work that reaches HBase is retried when it fails because the gateway
   * or HBase is not (yet) available: a transport failure (`TransportError`: refused, timed out,
   * closed) or an `IOError` from HBase (default `9`, as in `@nestjs/typeorm`; `0` fails at once).
   * That work is `synchronize`: connections otherwise open lazily, on first use, so without it
   * start-up never waits for HBase. Each retry is logged as an error by Nest's `Logger`
   * (context `HBaseModule`); other errors (bad options, a class that is not an entity) fail at
   * once.
   */
  retryAttempts?: number;
  /** Milliseconds between two start-up attempts (default `3000`, as in `@nestjs/typeorm`). */
  retryDelay?: number;
  /**
   * Whether the repositories of `forFeature` on this connection validate entities with
   * class-validator before writing (see `RepositoryOptions.validate`; a call's `validate` still
   * wins). Unset: when class-validator is installed.
   */
  validate?: ValidateOption;
}

/** Options of `HBaseModule.forRoot()`. */
export interface HBaseModuleOptions extends HBaseConnectionOptions {
  /**
   * Name of the connection, for apps with several (default `'default'`). Pass the same name to
   * `forFeature`, `@InjectRepository` and `@InjectConnectionPool`.
   */
  name?: string;
  /**
   * Whether the pool's token can be injected in every module (default `true`). With `false`, only
   * modules that import this `forRoot()` module see it; repositories from `forFeature` work
   * everywhere either way.
   */
  isGlobal?: boolean;
}

/** A class that builds the connection options, for `forRootAsync({ useClass })` or `useExisting`. */
export interface HBaseOptionsFactory {
  /** Called once at start-up; `name` is the connection's name. */
  createHBaseOptions(name: string): HBaseConnectionOptions | Promise<HBaseConnectionOptions>;
}

/**
 * Options of `HBaseModule.forRootAsync()`: give exactly one of `useFactory`, `useClass` or
 * `useExisting`. `name` and `isGlobal` are static because the module's tokens depend on them.
 */
export interface HBaseModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** As in {@link HBaseModuleOptions.name}. */
  name?: string;
  /** As in {@link HBaseModuleOptions.isGlobal}. */
  isGlobal?: boolean;
  /** Builds the options from the providers listed in `inject`. */
  useFactory?: (...args: never[]) => HBaseConnectionOptions | Promise<HBaseConnectionOptions>;
  /** Providers passed to `useFactory`, in order. */
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  /** A class the module instantiates (with injection) to build the options. */
  useClass?: Type<HBaseOptionsFactory>;
  /** An already provided (e.g. imported) {@link HBaseOptionsFactory} to build the options. */
  useExisting?: InjectionToken;
  /** More providers for the module, e.g. what `useClass` needs. */
  extraProviders?: Provider[];
}
