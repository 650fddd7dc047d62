import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { BigIntToStringInterceptor, HBaseModule } from 'hbase-mapper/nest';
import { CountersController } from './counters.controller';
import { User } from './user.entity';
import { UsersController } from './users.controller';

@Module({
  imports: [
    // Options read at start-up, as a ConfigService would give them; synchronize creates `users`.
    HBaseModule.forRootAsync({
      useFactory: () => ({
        host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
        port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
        tablePrefix: process.env.APP_TABLE_PREFIX ?? 'nest-app',
        size: 2,
        entities: [User],
        synchronize: true,
      }),
    }),
    HBaseModule.forFeature([User]),
  ],
  controllers: [UsersController, CountersController],
  // Counters are bigints, which JSON.stringify refuses: sent as decimal strings instead.
  providers: [{ provide: APP_INTERCEPTOR, useClass: BigIntToStringInterceptor }],
})
export class AppModule {}
