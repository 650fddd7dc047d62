import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HBaseHealthIndicator } from './hbase-health-indicator';

/**
 * Provides {@link HBaseHealthIndicator} to the module that imports it (with `TerminusModule`, which
 * the indicator builds its results with). Import it next to `TerminusModule` in the module of the
 * health controller; it checks every connection that `HBaseModule.forRoot`/`forRootAsync`
 * configures, by name, whatever their `isGlobal`.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [HBaseModule.forRoot({ size: 4, host: 'hbase-thrift' }), TerminusModule, HBaseHealthModule],
 *   controllers: [HealthController],
 * })
 * class AppModule {}
 * ```
 */
@Module({ imports: [TerminusModule], providers: [HBaseHealthIndicator], exports: [HBaseHealthIndicator] })
export class HBaseHealthModule {}
