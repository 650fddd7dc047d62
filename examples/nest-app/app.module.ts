import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { BigIntToStringInterceptor, HBaseModule } from 'hbase-mapper/nest';
import { HBaseHealthModule } from 'hbase-mapper/nest/health';
import { HealthController } from './health.controller';
import { TablesController } from './tables.controller';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** Where the gateway is: from the environment, as a configuration service would give it. */
export const hbaseSettings = () => ({
  host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
  port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
  tablePrefix: 'example-nest',
});

@Module({
  imports: [
    // Options built at start-up (here from the environment; in an app, inject a ConfigService).
    // synchronize creates the `users` table if it is missing; it never alters or drops anything.
    // It is retried (every 3 s, 9 times) while the gateway is not reachable yet.
    HBaseModule.forRootAsync({
      useFactory: () => ({ ...hbaseSettings(), size: 4, entities: [User], synchronize: true }),
    }),
    HBaseModule.forFeature([User]),
    // GET /health: @nestjs/terminus with the HBase health indicator.
    TerminusModule,
    HBaseHealthModule,
  ],
  controllers: [UsersController, TablesController, HealthController],
  providers: [
    UsersService,
    // JSON has no bigint: counters leave as decimal strings ("logins": "2"), every digit kept.
    // Provided here rather than with app.useGlobalInterceptors() so that e2e tests building this
    // module get it too.
    { provide: APP_INTERCEPTOR, useClass: BigIntToStringInterceptor },
  ],
})
export class AppModule {}
