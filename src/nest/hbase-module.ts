import type { DynamicModule, Provider } from '@nestjs/common';
import type { ConnectionPool } from '../client/connection-pool';
import { InvalidArgumentError } from '../client/errors';
import { optionalBoolean, requireOptions, requirePlainObject } from '../client/validate';
import type { EntityClass } from '../mapper/metadata/entity-metadata';
import { Repository } from '../mapper/repository';
import { registerFeatureEntity } from './feature-entities';
import { HBASE_CONNECTION_OPTIONS, HBaseCoreModule } from './hbase-core-module';
import type {
  HBaseModuleAsyncOptions,
  HBaseModuleOptions,
  HBaseOptionsFactory,
} from './hbase-module-options';
import { repositoryDefaults } from './repository-defaults';
import { corePoolToken, getConnectionPoolToken, getRepositoryToken, resolveConnectionName } from './tokens';

const ASYNC_OPTIONS = [
  'name',
  'isGlobal',
  'imports',
  'useFactory',
  'inject',
  'useClass',
  'useExisting',
  'extraProviders',
] as const;

/**
 * The NestJS module of hbase-mapper: `forRoot`/`forRootAsync` configure a connection pool (one
 * per connection name) in the root module, `forFeature` provides repositories where they are used.
 * The pool is closed when the application shuts down (`app.close()`, or a signal with
 * `enableShutdownHooks()`).
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     HBaseModule.forRoot({ size: 8, host: 'hbase-thrift', tablePrefix: 'shop', entities: [User], synchronize: true }),
 *     HBaseModule.forFeature([User]),
 *   ],
 *   providers: [UsersService],
 * })
 * export class AppModule {}
 *
 * @Injectable()
 * export class UsersService {
 *   constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
 * }
 * ```
 */
// biome-ignore lint/complexity/noStaticOnlyClass: Nest identifies a module by its class.
export class HBaseModule {
  /**
   * Configures a connection from static options: the pool's (`size`, `host`, `port`,
   * `tablePrefix`, ...) plus `name`, `entities`, `synchronize`, `autoLoadEntities`,
   * `retryAttempts`, `retryDelay`, `validate` and `isGlobal`.
   */
  static forRoot(options: HBaseModuleOptions): DynamicModule {
    requirePlainObject(options, 'options');
    const { name, isGlobal, ...connectionOptions } = options;
    const connection = resolveConnectionName(name, 'options.name');
    return HBaseModule.#root(
      connection,
      optionalBoolean(isGlobal, 'options.isGlobal') ?? true,
      HBaseCoreModule.register(connection, [
        { provide: HBASE_CONNECTION_OPTIONS, useValue: connectionOptions },
      ]),
    );
  }

  /**
   * Configures a connection from options built at start-up, typically from a configuration
   * service: with `useFactory` (+ `inject`), `useClass` or `useExisting` (an
   * {@link HBaseOptionsFactory}).
   *
   * @example
   * ```ts
   * HBaseModule.forRootAsync({
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ size: 8, host: config.get('HBASE_HOST') }),
   * });
   * ```
   */
  static forRootAsync(options: HBaseModuleAsyncOptions): DynamicModule {
    requirePlainObject(options, 'options');
    const o = requireOptions(options, 'options', ASYNC_OPTIONS) as HBaseModuleAsyncOptions;
    const connection = resolveConnectionName(o.name, 'options.name');
    const ways = [o.useFactory, o.useClass, o.useExisting].filter((way) => way !== undefined);
    if (ways.length !== 1) {
      throw new InvalidArgumentError(
        'options',
        'exactly one of useFactory, useClass and useExisting',
        Object.keys(options),
      );
    }
    for (const key of ['imports', 'inject', 'extraProviders'] as const) {
      if (o[key] !== undefined && !Array.isArray(o[key])) {
        throw new InvalidArgumentError(`options.${key}`, 'an array', o[key]);
      }
    }
    const providers: Provider[] = [...(o.extraProviders ?? [])];
    if (o.useFactory !== undefined) {
      if (typeof o.useFactory !== 'function') {
        throw new InvalidArgumentError('options.useFactory', 'a function', o.useFactory);
      }
      providers.push({ provide: HBASE_CONNECTION_OPTIONS, useFactory: o.useFactory, inject: o.inject ?? [] });
    } else {
      if (o.inject !== undefined) {
        throw new InvalidArgumentError('options.inject', 'nothing unless useFactory is given', o.inject);
      }
      if (o.useClass !== undefined) {
        if (typeof o.useClass !== 'function') {
          throw new InvalidArgumentError('options.useClass', 'a class', o.useClass);
        }
        providers.push({ provide: o.useClass, useClass: o.useClass });
      }
      const factory = o.useClass ?? o.useExisting!;
      providers.push({
        provide: HBASE_CONNECTION_OPTIONS,
        useFactory: (optionsFactory: HBaseOptionsFactory) => optionsFactory.createHBaseOptions(connection),
        inject: [factory],
      });
    }
    return HBaseModule.#root(
      connection,
      optionalBoolean(o.isGlobal, 'options.isGlobal') ?? true,
      HBaseCoreModule.register(connection, providers, o.imports),
    );
  }

  /**
   * Provides a `Repository` for each entity, on the connection `name` (default: the
   * default connection), to inject with `@InjectRepository(Entity, name)`. With
   * `autoLoadEntities` on that connection, the entities join its `entities` (what `synchronize`
   * creates). Repositories are
   * stateless (each call leases a connection from the pool), so they are safe to share between
   * modules and concurrent requests.
   */
  static forFeature(entities: readonly EntityClass[], name?: string): DynamicModule {
    if (!Array.isArray(entities) || entities.some((entity) => typeof entity !== 'function')) {
      throw new InvalidArgumentError('entities', 'an array of entity classes', entities);
    }
    const connection = resolveConnectionName(name, 'name');
    const providers: Provider[] = entities.map((entity) => {
      const token = getRepositoryToken(entity, connection);
      registerFeatureEntity(token, entity, connection);
      return {
        provide: token,
        useFactory: (pool: ConnectionPool) => new Repository(entity, pool, repositoryDefaults(pool)),
        inject: [corePoolToken(connection)],
      };
    });
    return { module: HBaseModule, providers, exports: providers };
  }

  // The public pool token is an alias in this (optionally global) module, while the core module,
  // always global, keeps the pool reachable for forFeature whatever `isGlobal` says.
  static #root(connection: string, isGlobal: boolean, core: DynamicModule): DynamicModule {
    const poolToken = getConnectionPoolToken(connection);
    return {
      module: HBaseModule,
      global: isGlobal,
      imports: [core],
      providers: [{ provide: poolToken, useExisting: corePoolToken(connection) }],
      exports: [poolToken],
    };
  }
}
