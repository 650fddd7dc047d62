/**
 * hbase-mapper/nest/health: a health indicator for `@nestjs/terminus`. An entry point of its own
 * so that `hbase-mapper/nest` loads without terminus: `@nestjs/terminus` is an optional peer
 * dependency that only this entry needs.
 *
 * @packageDocumentation
 * @module hbase-mapper/nest/health
 */
export { HBaseHealthIndicator, type HBasePingCheckOptions } from './hbase-health-indicator';
export { HBaseHealthModule } from './hbase-health-module';
