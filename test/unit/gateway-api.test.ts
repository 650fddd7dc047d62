import { ConnectionClosedError, ProtocolMismatchError, ThriftApplicationError } from '../../src';
import type { Gateway } from '../../src/client/gateway/gateway';
import { detectGatewayApi } from '../../src/client/gateway-api';
import type { ThriftChannel } from '../../src/client/transport/thrift-channel';

/** A channel whose one call (the question) settles with `outcome`; records the methods called. */
function channelAnswering(outcome: () => Promise<number>): {
  channel: ThriftChannel<Gateway>;
  methods: string[];
} {
  const methods: string[] = [];
  const channel = {
    description: 'gw:9090 (buffered/binary)',
    call: (method: string) => {
      methods.push(method);
      return outcome();
    },
  } as unknown as ThriftChannel<Gateway>;
  return { channel, methods };
}

describe('detectGatewayApi', () => {
  it('maps TThriftServerType ONE and TWO to thrift1 and thrift2, asking getThriftServerType', async () => {
    const one = channelAnswering(async () => 1);
    expect(await detectGatewayApi(one.channel)).toBe('thrift1');
    expect(one.methods).toEqual(['getThriftServerType']);
    expect(await detectGatewayApi(channelAnswering(async () => 2).channel)).toBe('thrift2');
  });

  it('takes "Invalid method name" (a gateway older than the question) for Thrift1', async () => {
    const unknownMethod = new ThriftApplicationError('getThriftServerType: Invalid method name', 1);
    const old = channelAnswering(() => Promise.reject(unknownMethod));
    expect(await detectGatewayApi(old.channel)).toBe('thrift1');
  });

  it('passes other failures on, and refuses an answer that is neither API', async () => {
    const internal = new ThriftApplicationError('getThriftServerType: internal error', 6);
    await expect(detectGatewayApi(channelAnswering(() => Promise.reject(internal)).channel)).rejects.toBe(
      internal,
    );
    const closed = new ConnectionClosedError('closed');
    await expect(detectGatewayApi(channelAnswering(() => Promise.reject(closed)).channel)).rejects.toBe(
      closed,
    );
    const odd = detectGatewayApi(channelAnswering(async () => 3).channel);
    await expect(odd).rejects.toBeInstanceOf(ProtocolMismatchError);
    await expect(odd).rejects.toThrow(/gw:9090.*answered getThriftServerType with 3/);
  });
});
