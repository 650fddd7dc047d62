import { ProtocolMismatchError } from '../errors';
import type { OutputBuffer } from '../protocol/output-buffer';
import type { ProtocolClass, ThriftProtocol } from '../protocol/thrift-lib';
import { Client } from './generated/Hbase';

type Callback = (error: unknown, result?: unknown) => void;

/** The generated client as this module drives it (see {@link GeneratedCodec}). */
type GeneratedClient = Record<string, unknown> & {
  seqid(): number;
  _reqs: Record<number, Callback>;
};

type GeneratedSend = (this: GeneratedClient, ...args: unknown[]) => void;
type GeneratedReceive = (
  this: GeneratedClient,
  input: ThriftProtocol,
  messageType: number,
  seqid: number,
) => void;

/** The slot under which the generated decoders report (sequence ids are never negative). */
const DECODE_SLOT = -1;

const senders = new Map<string, GeneratedSend>();
const receivers = new Map<string, GeneratedReceive>();

/** A generated method of the client's prototype (`send_<method>`, `recv_<method>`), looked up once. */
function generated<F>(cache: Map<string, F>, name: string, method: string, unknown: () => Error): F {
  let found = cache.get(method);
  if (found === undefined) {
    const value = (Client.prototype as unknown as Record<string, unknown>)[name];
    if (typeof value !== 'function') throw unknown();
    found = value as F;
    cache.set(method, found);
  }
  return found;
}

/**
 * @internal The generated Thrift1 client used as an encoder and a decoder only: it never tracks a
 * call (the channel's CallRegistry does). This is the one module that knows how the generated code
 * works: its `send_<method>(...args)` writes a call under the sequence id its `seqid()` answers and
 * flushes it, and its `recv_<method>(input, type, seqid)` reads a reply and reports the outcome to
 * the callback it keeps for that id. Here `seqid()` answers the id the registry gave the call, and
 * the decoders report to a private slot that captures the outcome.
 */
export class GeneratedCodec {
  readonly #client: GeneratedClient;
  #seqid = 0;
  #outcome: { error: unknown; result: unknown } | undefined;
  readonly #capture: Callback = (error, result) => {
    this.#outcome = { error, result };
  };

  constructor(output: OutputBuffer, Protocol: ProtocolClass) {
    this.#client = new Client(output as never, Protocol as never) as unknown as GeneratedClient;
    this.#client.seqid = () => this.#seqid;
  }

  /** Encodes a call of `method` under `seqid` and flushes it; throws if an argument cannot be encoded. */
  send(method: string, seqid: number, args: readonly unknown[]): void {
    const send = generated(
      senders,
      `send_${method}`,
      method,
      () => new Error(`no Thrift1 method "${method}"`),
    );
    this.#seqid = seqid;
    send.apply(this.#client, args as unknown[]);
  }

  /**
   * Decodes the rest of a reply to `method` (its header read from `input` already): the result,
   * or the error the gateway reported. The generated code reports a result struct without its
   * result field as a string error.
   */
  decode(method: string, input: ThriftProtocol, messageType: number): { error: unknown; result: unknown } {
    const receive = generated(
      receivers,
      `recv_${method}`,
      method,
      () => new ProtocolMismatchError(`received a reply to an unknown method "${method}"`),
    );
    const reqs = this.#client._reqs;
    reqs[DECODE_SLOT] = this.#capture;
    try {
      receive.call(this.#client, input, messageType, DECODE_SLOT);
    } finally {
      delete reqs[DECODE_SLOT];
    }
    const outcome = this.#outcome;
    this.#outcome = undefined;
    if (outcome === undefined) throw new Error(`the reply to ${method} settled nothing`);
    return outcome;
  }
}
