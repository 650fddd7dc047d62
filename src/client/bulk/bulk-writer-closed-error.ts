import { HBaseError } from '../errors/hbase-error';

/**
 * A `put()`, `delete()` or `writeAll()` came after the bulk writer's `close()`: it is refused,
 * nothing of it buffered. (Mutations made before `close()` are written by it.)
 */
export class BulkWriterClosedError extends HBaseError {
  /** @internal Made by the bulk writer. */
  constructor() {
    super('the bulk writer is closed');
  }
}
