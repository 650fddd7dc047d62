/**
 * hbase-mapper/nest: a NestJS module providing connection pools and repositories.
 * `@nestjs/common` and `@nestjs/core` are optional peer dependencies: only this entry needs them.
 *
 * @packageDocumentation
 * @module hbase-mapper/nest
 */
export { BigIntToStringInterceptor } from './bigint-to-string.interceptor';
export { type BigIntsAsStrings, bigIntsToStrings } from './bigints-to-strings';
export { HBaseModule } from './hbase-module';
export type {
  HBaseConnectionOptions,
  HBaseModuleAsyncOptions,
  HBaseModuleOptions,
  HBaseOptionsFactory,
} from './hbase-module-options';
export { InjectConnectionPool, InjectRepository } from './inject-decorators';
export { DEFAULT_CONNECTION_NAME, getConnectionPoolToken, getRepositoryToken } from './tokens';
