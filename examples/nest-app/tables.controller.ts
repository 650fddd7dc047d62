import { Controller, Get, Param } from '@nestjs/common';
import type { ConnectionPool } from 'hbase-mapper';
import { InjectConnectionPool } from 'hbase-mapper/nest';

/**
 * Raw access through the injected pool, the escape hatch for what has no repository: admin
 * calls, other apps' tables, ad-hoc reads of cells.
 */
@Controller('admin/tables')
export class TablesController {
  constructor(@InjectConnectionPool() private readonly pool: ConnectionPool) {}

  @Get()
  list(): Promise<string[]> {
    return this.pool.connection((connection) => connection.tables());
  }

  @Get(':table/regions')
  async regions(@Param('table') table: string) {
    const regions = await this.pool.connection((connection) => connection.table(table).regions());
    return regions.map((region) => ({
      name: region.name.toString(),
      server: `${region.serverName.toString()}:${region.port}`,
    }));
  }
}
