import { EventEmitter } from 'node:events';
import { ConnectionClosedError, ConnectionFailedError, TimeoutError } from '../../../src/client/errors';
import { ConnectionObserver } from '../../../src/client/observability/observer';
import { PoolObserver } from '../../../src/client/observability/pool-observer';
import type { ThriftChannel } from '../../../src/client/transport/thrift-channel';

// A pool takes a gateway out of its rotation when a connection cannot reach it or loses its
// socket to it, never because one call was slow (its timeout): that gateway is busy, not gone.
describe('which transport failures eject a gateway', () => {
  const server = { host: 'g1', port: 9090 };
  const setup = () => {
    const failed: string[] = [];
    const pool = new PoolObserver(new EventEmitter(), 2, undefined);
    pool.balancer = { failed: (s: typeof server) => failed.push(s.host) } as never;
    const observer = new ConnectionObserver(new EventEmitter(), undefined, server, pool);
    const channel = { usable: false } as unknown as ThriftChannel<unknown>;
    return { failed, fail: (error: Error) => observer.channelFailed(error as never, server, channel) };
  };

  it('ejects on a lost socket and a failure to connect', () => {
    const { failed, fail } = setup();
    fail(new ConnectionClosedError('lost'));
    fail(new ConnectionFailedError('refused'));
    expect(failed).toEqual(['g1', 'g1']);
  });

  it('does not eject on a call that timed out (nor the socket dropped because of it)', () => {
    const { failed, fail } = setup();
    const timeout = new TimeoutError('slow', 100);
    fail(timeout);
    fail(new ConnectionClosedError('dropped after a timeout', { cause: timeout }));
    expect(failed).toEqual([]);
  });
});
