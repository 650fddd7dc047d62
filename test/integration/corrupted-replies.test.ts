// Replies from the real gateway with one bit flipped on the way (by a TCP proxy): whatever the bit,
// the call must settle with a value or a typed error (never a raw TypeError), and the next call on
// the same Connection must get the right answer: a reply that could not be decoded drops the
// socket, so nothing of it is left to confuse the next reply.
import {
  Connection,
  type ConnectionOptions,
  HBaseError,
  ProtocolMismatchError,
  type Table,
  TimeoutError,
} from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';
import { TcpProxy } from '../support/tcp-proxy';

/** Bits flipped per gateway at most: every bit of the reply when it is small enough, else a spread. */
const MAX_FLIPS = 200;
/** Short, so that the flips the client cannot notice (a longer length) cost little. */
const CALL_TIMEOUT_MS = 500;

type Outcome = 'value' | 'decode error' | 'timeout' | 'other typed error';

describe.each([
  ['buffered/binary', gateways.default()],
  ['framed/compact', gateways.framed()],
] as Array<[string, ConnectionOptions]>)('a corrupted reply from the %s gateway', (label, options) => {
  const prefix = uniquePrefix(`corrupt_${label.replace('/', '_')}`);
  let admin: Connection;
  let proxy: TcpProxy;

  beforeAll(async () => {
    admin = new Connection({ ...options, tablePrefix: prefix });
    await admin.createTable('t', { cf1: {}, cf2: { maxVersions: 1 } });
    proxy = await TcpProxy.start(options.host!, Number(options.port));
  });

  afterAll(async () => {
    await proxy.close();
    await dropPrefixedTables(admin);
    await admin.close();
  });

  function throughProxy(): Connection {
    return new Connection({
      ...options,
      host: '127.0.0.1',
      port: proxy.port,
      tablePrefix: prefix,
      timeout: CALL_TIMEOUT_MS,
    });
  }

  async function settle<T>(promise: Promise<T>) {
    return promise.then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
  }

  /** The calls swept: a reply decoded by the generated code, and rows decoded by our own reader. */
  const calls: Array<[string, (table: Table) => Promise<unknown>]> = [
    ['families()', (table) => table.families()],
    ['row()', (table) => table.row('r1', { includeTimestamp: true })],
  ];

  it.each(calls)(
    '%s: every flipped bit ends in a value or a typed error, and the next call is right',
    async (_, call) => {
      await admin.table('t').put('r1', { 'cf1:a': 'one', 'cf2:b': Buffer.from([0, 1, 2, 0xff]) });
      const expected = await call(admin.table('t'));
      {
        // The size of the reply, read through the proxy unchanged.
        const connection = throughProxy();
        expect(await call(connection.table('t'))).toEqual(expected);
        await connection.close();
      }
      const replyBits = proxy.lastReplyBytes * 8;
      expect(replyBits).toBeGreaterThan(100);
      const stride = Math.max(1, Math.ceil(replyBits / MAX_FLIPS));

      const outcomes = new Map<Outcome, number>();
      for (let bit = 0; bit < replyBits; bit += stride) {
        proxy.flipReplyBit = bit;
        const connection = throughProxy();
        try {
          const table = connection.table('t');
          const first = await settle(call(table));
          proxy.flipReplyBit = undefined;
          let outcome: Outcome = 'value';
          if (first.error !== undefined) {
            if (!(first.error instanceof HBaseError)) {
              throw new Error(`bit ${bit}: an untyped error: ${String(first.error)}`);
            }
            outcome =
              first.error instanceof ProtocolMismatchError
                ? 'decode error'
                : first.error instanceof TimeoutError
                  ? 'timeout'
                  : 'other typed error';
            // A reply that could not be decoded takes the socket with it.
            if (outcome === 'decode error') expect(connection.isOpen).toBe(false);
          }
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          const second = await settle(call(table));
          if (second.error !== undefined)
            throw new Error(`bit ${bit}: the next call failed: ${second.error}`);
          expect(second.value).toEqual(expected);
        } finally {
          proxy.flipReplyBit = undefined;
          await connection.close();
        }
      }
      // The sweep did reach the decoders: many flips make the reply undecodable.
      expect(outcomes.get('decode error') ?? 0).toBeGreaterThan(10);
    },
    180_000,
  );
});
