import { GeneratedCodec } from '../protocol/generated-codec';
import type { OutputBuffer } from '../protocol/output-buffer';
import type { ProtocolKind } from '../protocol/protocol-kind';
import type { ProtocolClass } from '../protocol/thrift-lib';
import { BinaryWireWriter, CompactWireWriter, type WireWriter } from '../protocol/wire-writer';
import { CALLS } from './generated/THBaseService';
import { canEncodeGetCall, writeGetCall } from './get-encoder';
import { canEncodeMutationCall, writeMutationCall } from './mutation-encoder';

/**
 * @internal The generated `THBaseService` codec, with the hot calls (gets, puts, deletes, row
 * mutations, increments) encoded by our own writer, straight into the channel's
 * {@link OutputBuffer}: the gateway code builds the same `TGet`/`TPut`/`TDelete` structs either
 * way, and the bytes are the same (see get-encoder and mutation-encoder). Every other call, and a
 * hot call holding what our writer does not write, goes through the generated `send_<method>`.
 */
export class Thrift2Codec extends GeneratedCodec {
  readonly #output: OutputBuffer;
  readonly #writer: WireWriter;

  constructor(output: OutputBuffer, protocol: ProtocolKind, Protocol: ProtocolClass) {
    super(CALLS, output, Protocol);
    this.#output = output;
    this.#writer = protocol === 'compact' ? new CompactWireWriter(output) : new BinaryWireWriter(output);
  }

  override send(method: string, seqid: number, args: readonly unknown[]): void {
    if (canEncodeGetCall(method, args)) {
      writeGetCall(this.#writer, seqid, method, args);
      this.#output.flush();
      return;
    }
    if (canEncodeMutationCall(method, args)) {
      writeMutationCall(this.#writer, seqid, method, args);
      this.#output.flush();
      return;
    }
    super.send(method, seqid, args);
  }
}
