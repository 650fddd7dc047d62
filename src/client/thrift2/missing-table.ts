import { IOError, TableNotFoundError } from '../errors';
import { TTableName } from './generated/hbase_types';
import { fromTableName } from './table-name';

/**
 * @internal The typed error of a Thrift2 call that named a missing table. A Thrift2 gateway sends
 * only a Java exception's message (a Thrift1 gateway sends the whole trace, class name first), and
 * a `TableNotFoundException`'s message is the table's bare name: an `IOError` that says exactly
 * the name of the call's table (as bytes or a `TTableName`) is that exception. Any other failure
 * is answered as it is.
 */
export function recognizeMissingTable(error: unknown, table: unknown): unknown {
  if (!(error instanceof IOError) || error instanceof TableNotFoundError) return error;
  const name = Buffer.isBuffer(table)
    ? table
    : table instanceof TTableName
      ? fromTableName(table)
      : undefined;
  if (name === undefined || error.message !== name.toString('utf8')) return error;
  const found = new TableNotFoundError(
    `org.apache.hadoop.hbase.TableNotFoundException: ${error.message}`,
    error.canRetry,
  );
  // Keep the frames where the reply was decoded, as every other error of a call does.
  const frames = error.stack?.indexOf('\n    at ') ?? -1;
  if (frames >= 0) found.stack = `${found.name}: ${found.message}${error.stack!.slice(frames)}`;
  return found;
}
