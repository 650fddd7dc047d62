import { Controller, Get } from '@nestjs/common';
// biome-ignore lint/style/useImportType: Nest injects by the parameter's type, which TypeScript emits (emitDecoratorMetadata) only for a value import.
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
// biome-ignore lint/style/useImportType: as above.
import { HBaseHealthIndicator } from 'hbase-mapper/nest/health';

/**
 * A readiness probe for an orchestrator (Kubernetes, a load balancer): 200 while the gateway
 * answers within a second, 503 with the reason otherwise.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly hbase: HBaseHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.hbase.pingCheck('hbase', { timeout: 1000 })]);
  }
}
