import { Module } from '@nestjs/common';
import { HBaseModule } from 'hbase-mapper/nest';
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
        tablePrefix: process.env.APP_TABLE_PREFIX ?? 'nest_app',
        size: 2,
        entities: [User],
        synchronize: true,
      }),
    }),
    HBaseModule.forFeature([User]),
  ],
  controllers: [UsersController, CountersController],
})
export class AppModule {}
