import type { Connection } from '../client/connection';
import type { Table } from '../client/table';

/**
 * @internal The table an import writes into, through a connection per chunk in flight
 * (`--concurrency` of them at most). A Thrift1 gateway serves the calls of one connection one after the other (a thread per
 * connection), so chunks pipelined on one socket wait for each other while the region server
 * applies a batch and syncs its write-ahead log; on connections of their own, the gateway works
 * on them at once. Connections beyond the command's first are opened when a chunk needs one (a
 * small file opens none) and closed by {@link ImportTables.close}.
 */
export class ImportTables {
  /** The table on the command's connection. */
  readonly main: Table;
  readonly #idle: Table[];
  readonly #opened: Connection[] = [];
  /** The table's name as the command got it (each connection adds the table prefix). */
  readonly #name: string;
  readonly #open: () => Connection;

  /**
   * `table` (named `name` on the command line) is on the command's connection; `open` makes
   * another connection with the same settings.
   */
  constructor(table: Table, name: string, open: () => Connection) {
    this.main = table;
    this.#idle = [table];
    this.#name = name;
    this.#open = open;
  }

  /** A table on a connection no chunk uses: an idle one, else a new connection's. */
  take(): Table {
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    const connection = this.#open();
    this.#opened.push(connection);
    return connection.table(this.#name);
  }

  /** Gives back a table taken (its chunk settled). */
  give(table: Table): void {
    this.#idle.push(table);
  }

  /** Closes the connections opened here (not the command's own). */
  async close(): Promise<void> {
    await Promise.all(this.#opened.map((connection) => connection.close().catch(() => undefined)));
  }
}
