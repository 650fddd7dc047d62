import { ProtocolMismatchError } from '../errors';
import type { OutputBuffer } from './output-buffer';
import {
  EXCEPTION_MESSAGE,
  newApplicationException,
  type ProtocolClass,
  type ReceivingTransport,
  type ThriftProtocol,
} from './thrift-lib';

/** The write side of a protocol, as the generated structs and this codec use it. */
type WritingProtocol = ThriftProtocol & {
  writeMessageBegin(name: string, type: number, seqid: number): void;
  writeMessageEnd(): void;
};

/** Thrift's message type of a call. */
const CALL_MESSAGE = 1;

/** A generated argument struct: built from named parameters, written to a protocol. */
type ArgsClass = new (params: Record<string, unknown>) => { write(output: WritingProtocol): void };

/** A generated result struct: `success` (methods that return a value) and one field per declared exception. */
type ResultClass = new () => Record<string, unknown> & { read(input: ThriftProtocol): void };

/** @internal How one method's call is encoded and its reply decoded (the generation script lists them). */
interface CallCodec {
  args: ArgsClass;
  result: ResultClass;
  /** Parameter names, in the IDL's order. */
  params: readonly string[];
  /** Whether the method returns a value (else it is `void`). */
  returns: boolean;
}

/**
 * @internal The `CALLS` table a generated service module exports: each method's argument and result
 * structs, parameter names and whether it returns a value (added by scripts/gen-thrift.mjs).
 */
export type GeneratedCalls = Readonly<Record<string, unknown>>;

/**
 * @internal Encodes calls and decodes replies with the structs the thrift compiler generated for a
 * service (Thrift1's `Hbase`, Thrift2's `THBaseService`), without its `Client`: sequence ids and
 * pending calls belong to the channel's CallRegistry alone.
 */
export class GeneratedCodec {
  readonly #calls: GeneratedCalls;
  readonly #output: OutputBuffer;
  readonly #Protocol: ProtocolClass;

  constructor(calls: GeneratedCalls, output: OutputBuffer, Protocol: ProtocolClass) {
    this.#calls = calls;
    this.#output = output;
    this.#Protocol = Protocol;
  }

  #codec(method: string, unknown: () => Error): CallCodec {
    const codec = Object.hasOwn(this.#calls, method) ? (this.#calls[method] as CallCodec) : undefined;
    if (codec === undefined) throw unknown();
    return codec;
  }

  /** Encodes a call of `method` under `seqid` and flushes it; throws if an argument cannot be encoded. */
  send(method: string, seqid: number, args: readonly unknown[]): void {
    const codec = this.#codec(method, () => new Error(`no method "${method}" in the generated code`));
    const params: Record<string, unknown> = {};
    codec.params.forEach((name, i) => {
      params[name] = args[i];
    });
    const output = new this.#Protocol(this.#output) as unknown as WritingProtocol;
    output.writeMessageBegin(method, CALL_MESSAGE, seqid);
    new codec.args(params).write(output);
    output.writeMessageEnd();
    this.#output.flush();
  }

  /**
   * Decodes the rest of a reply to `method` (its header read from `input` already): the result,
   * or the error the gateway reported (a declared exception, or an application exception). A
   * method that returns a value but whose reply carries none is reported as a string error.
   */
  /**
   * Decodes the rest of the one reply to `method` in `transport` ({@link GeneratedCodec.decode}),
   * and throws when it cannot be trusted: a result struct without its result, a result that fails
   * `checkShape` (what the API's client reads from it), or bytes left over after it (its structure
   * was misread).
   */
  decodeWhole(
    method: string,
    input: ThriftProtocol,
    messageType: number,
    transport: ReceivingTransport,
    checkShape: (method: string, result: unknown) => void,
  ): { error: unknown; result: unknown } {
    const { error, result } = this.decode(method, input, messageType);
    if (typeof error === 'string') throw new Error(error);
    if (error === null || error === undefined) checkShape(method, result);
    if (transport.readPos !== transport.inBuf.length) {
      throw new Error(
        `${transport.inBuf.length - transport.readPos} bytes left after the reply to ${method}`,
      );
    }
    return { error, result };
  }

  decode(method: string, input: ThriftProtocol, messageType: number): { error: unknown; result: unknown } {
    const codec = this.#codec(
      method,
      () => new ProtocolMismatchError(`received a reply to an unknown method "${method}"`),
    );
    if (messageType === EXCEPTION_MESSAGE) {
      const exception = newApplicationException();
      exception.read(input);
      input.readMessageEnd();
      return { error: exception, result: undefined };
    }
    const result = new codec.result();
    result.read(input);
    input.readMessageEnd();
    for (const [field, value] of Object.entries(result)) {
      if (field !== 'success' && value !== null && value !== undefined)
        return { error: value, result: undefined };
    }
    if (!codec.returns) return { error: undefined, result: undefined };
    if (result.success === null || result.success === undefined) {
      return { error: `${method} failed: unknown result`, result: undefined };
    }
    return { error: undefined, result: result.success };
  }
}
