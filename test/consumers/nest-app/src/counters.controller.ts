import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import type { ConnectionPool } from 'hbase-mapper';
import { InjectConnectionPool } from 'hbase-mapper/nest';

/** The raw client through the injected pool: a counter cell of the users table. */
@Controller('counters')
export class CountersController {
  constructor(@InjectConnectionPool() private readonly pool: ConnectionPool) {}

  @Post(':row/visits')
  @HttpCode(200)
  async visit(@Param('row') row: string): Promise<{ row: string; visits: string }> {
    const visits = await this.pool.connection((connection) =>
      connection.table('users').counterInc(row, 'stats:visits'),
    );
    // JSON has no bigint: the count goes out as a decimal string.
    return { row, visits: visits.toString() };
  }
}
