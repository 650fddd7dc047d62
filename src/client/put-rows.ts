import { FrameTooLargeError } from './errors';
import type { RowMutations } from './gateway/row-mutations';
import type { Table } from './table';
import { rowMutationsSize, splitByFrameSize } from './thrift1/mutation-size';
import { thrift2RowMutationsSize } from './thrift2/mutation-size';

/**
 * @internal Sends rows of cell puts at one `timestamp` (or at the server's time), as a
 * {@link Batch} holding only those puts sends them: one `mutateRows` call (Thrift1) or the calls
 * of Thrift2's `mutateRows` (`putMultiple`), split to fit the framed transport's frame size — up
 * front on Thrift2, whose calls go out together, and on Thrift1 only when the gateway's frame
 * would be exceeded (as the batch does).
 *
 * For callers that build the rows themselves, many at a time (the CLI's import): the batch keeps a
 * map per row and per cell to merge what a program queues in any order, which an import of rows
 * already grouped does not need. The caller answers for what the batch would check: each row key
 * validated (`toRowKey`) and present once, each column validated (`toCellColumn`) and present
 * once per row, every mutation a put (`isDelete: false`, with a value).
 */
export async function sendPutRows(
  table: Table,
  rows: RowMutations[],
  timestamp: bigint | undefined,
): Promise<void> {
  if (rows.length === 0) return;
  const { connection, nameBytes } = table;
  const kind = await connection.gatewayKind();
  const send = (call: RowMutations[]) =>
    connection.call('mutateRows', (g) => g.mutateRows(nameBytes, call, timestamp), {
      table: nameBytes,
      mutations: call,
    });
  if (kind === 'thrift2') {
    for (const call of splitByFrameSize(rows, nameBytes, connection.maxFrameSize, thrift2RowMutationsSize)) {
      await send(call);
    }
    return;
  }
  try {
    await send(rows);
  } catch (error) {
    // Refused before it was sent (see Batch): split into calls that fit.
    if (!(error instanceof FrameTooLargeError) || rows.length === 1) throw error;
    for (const call of splitByFrameSize(rows, nameBytes, connection.maxFrameSize, rowMutationsSize)) {
      await send(call);
    }
  }
}
