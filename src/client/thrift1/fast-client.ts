import type Int64 from 'node-int64';
import type { RowMutations } from '../gateway/row-mutations';
import type { GeneratedCodec } from '../protocol/generated-codec';
import type { OutputBuffer } from '../protocol/output-buffer';
import type { ProtocolKind } from '../protocol/protocol-kind';
import { BinaryWireWriter, CompactWireWriter, type WireWriter } from '../protocol/wire-writer';
import type { StartCall } from '../transport/thrift-api';
import type { TRowResult } from './generated/Hbase_types';
import { GeneratedCalls } from './generated-calls';
import { writeMutations } from './mutation-encoder';
import { writeAtomicIncrement, writeGetRow } from './read-call-encoders';

/**
 * @internal The Thrift1 client a channel hands out: the generated calls ({@link GeneratedCalls})
 * plus the hot calls, whose messages we encode ourselves, straight into the channel's
 * {@link OutputBuffer}. The generated `mutateRows` copies every `BatchMutation` and every
 * `Mutation` into new objects before writing them through a protocol object (most of a bulk
 * load's client CPU); every generated call also builds an argument struct, copies its attributes
 * map and creates a protocol object, which small calls feel.
 *
 * These calls are started, registered and settled by the channel exactly as the generated ones
 * are; their replies are decoded by the code for the method named in the reply (the row decoders,
 * the scalar-reply reader, or the generated `recv_*`).
 */
export class FastHbaseClient extends GeneratedCalls {
  readonly #writer: WireWriter;
  readonly #output: OutputBuffer;
  readonly #begin: StartCall;

  constructor(output: OutputBuffer, protocol: ProtocolKind, codec: GeneratedCodec, start: StartCall) {
    super(codec, start);
    this.#output = output;
    this.#writer = protocol === 'compact' ? new CompactWireWriter(output) : new BinaryWireWriter(output);
    this.#begin = start;
  }

  /**
   * Plain-object mutations of one or more rows: `mutateRows` (`mutateRowsTs` with a timestamp),
   * or `mutateRow` (`mutateRowTs`) when there is one row. The gateway applies one row with a
   * single region-server call instead of its multi-row batch path: ~25% more puts per second
   * here. The two apply a row's puts and deletes in opposite orders, so callers must not send
   * a put and a delete of the same cell in one call.
   */
  sendMutations(tableName: Buffer, rows: readonly RowMutations[], timestamp?: bigint): Promise<void> {
    return this.#begin((seqid) => {
      writeMutations(this.#writer, seqid, tableName, rows, timestamp);
      this.#output.flush();
    });
  }

  /** `getRowWithColumns`, or `getRowWithColumnsTs` with a timestamp (no columns: all of them). */
  readRow(
    tableName: Buffer,
    row: Buffer,
    columns: readonly Buffer[],
    timestamp?: bigint,
  ): Promise<TRowResult[]> {
    return this.#begin((seqid) => {
      writeGetRow(this.#writer, seqid, tableName, row, columns, timestamp);
      this.#output.flush();
    });
  }

  /**
   * `atomicIncrement`: adds `amount` to a counter cell and answers its new value (a bigint when
   * read from the bytes by `decodeScalarReply`, an Int64 when by the generated code).
   */
  incrementCounter(tableName: Buffer, row: Buffer, column: Buffer, amount: bigint): Promise<Int64 | bigint> {
    return this.#begin((seqid) => {
      writeAtomicIncrement(this.#writer, seqid, tableName, row, column, amount);
      this.#output.flush();
    });
  }
}
