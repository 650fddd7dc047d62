import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { BigIntToStringInterceptor, HBaseModule } from 'hbase-mapper/nest';
import { HBaseHealthModule } from 'hbase-mapper/nest/health';
import { CountersController } from './counters.controller';
import { HealthController } from './health.controller';
import { User } from './user.entity';
import { UsersController } from './users.controller';

@Module({
  imports: [
    // Options read at start-up, as a ConfigService would give them; synchronize creates `users`,
    // the table of the forFeature entity (autoLoadEntities), retrying while HBase is unreachable.
    HBaseModule.forRootAsync({
      useFactory: () => ({
        host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
        port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
        tablePrefix: process.env.APP_TABLE_PREFIX ?? 'nest-app',
        size: 2,
        autoLoadEntities: true,
        synchronize: true,
        retryAttempts: 5,
        retryDelay: 1000,
      }),
    }),
    HBaseModule.forFeature([User]),
    // GET /health: the gateway's health, for a readiness probe.
    TerminusModule,
    HBaseHealthModule,
  ],
  controllers: [UsersController, CountersController, HealthController],
  // Counters are bigints, which JSON.stringify refuses: sent as decimal strings instead.
  providers: [{ provide: APP_INTERCEPTOR, useClass: BigIntToStringInterceptor }],
})
export class AppModule {}
