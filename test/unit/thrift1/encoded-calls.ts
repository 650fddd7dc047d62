// Helpers for the encoder suites: one call's message as the generated code writes it through the
// thrift library's own (unmodified) protocols, and as our FastHbaseClient writes it.
import Int64 from 'node-int64';
import * as thrift from 'thrift';
import { fastProtocolClass } from '../../../src/client/protocol/fast-protocols';
import { GeneratedCodec } from '../../../src/client/protocol/generated-codec';
import { OutputBuffer } from '../../../src/client/protocol/output-buffer';
import { FastHbaseClient } from '../../../src/client/thrift1/fast-client';
import { CALLS, Client } from '../../../src/client/thrift1/generated/Hbase';

export type Protocol = 'binary' | 'compact';

const libraryProtocol = {
  binary: (thrift as unknown as { TBinaryProtocol: unknown }).TBinaryProtocol,
  compact: (thrift as unknown as { TCompactProtocol: unknown }).TCompactProtocol,
};

/** Runs `send` on a client writing into a fresh buffer; returns the one message it sent. */
function captured<C>(
  makeClient: (output: OutputBuffer) => C,
  send: (client: C) => void,
  framed: boolean,
): Buffer {
  const messages: Buffer[] = [];
  const output = new OutputBuffer(framed, (message) => messages.push(message));
  const client = makeClient(output);
  // The next call takes this sequence id.
  send(client);
  if (messages.length !== 1) throw new Error(`expected one message, got ${messages.length}`);
  return messages[0]!;
}

/** The message the generated client writes for one call (its promise never settles: ignored). */
export function libraryMessage(protocol: Protocol, seqid: number, call: (client: Client) => unknown): Buffer {
  return captured(
    (output) => withSeqid(new Client(output as never, libraryProtocol[protocol] as never), seqid),
    (client) => void call(client),
    false,
  );
}

/** The message our client writes for one call. */
export function ourMessage(
  protocol: Protocol,
  seqid: number,
  call: (client: FastHbaseClient) => Promise<unknown>,
  framed = false,
): Buffer {
  return captured(
    (output) =>
      new FastHbaseClient(
        output,
        protocol,
        new GeneratedCodec(CALLS, output, fastProtocolClass(protocol)),
        // Starts the call under `seqid`; its promise never settles (nothing answers): ignored.
        <T>(send: (id: number) => void) => {
          send(seqid);
          return new Promise<T>(() => {});
        },
      ),
    (client) => void call(client),
    framed,
  );
}

function withSeqid<C>(client: C, seqid: number): C {
  (client as unknown as { _seqid: number })._seqid = seqid - 1;
  return client;
}

/** Index of the first byte where two buffers differ, or -1 (cheaper than toEqual on large buffers). */
export function firstDifference(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}

/** An i64 as the generated code takes it. */
export function int64(value: bigint): Int64 {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(value);
  return new Int64(bytes);
}
