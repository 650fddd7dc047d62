import type { GatewayApi } from './connection-settings';
import { ProtocolMismatchError, ThriftApplicationError } from './errors';
import type { Gateway } from './gateway/gateway';
import type { ThriftChannel } from './transport/thrift-channel';

/** @internal Thrift's `TApplicationExceptionType.UNKNOWN_METHOD`: the gateway does not know the method. */
export const UNKNOWN_METHOD = 1;

/** `TThriftServerType` of both IDLs. */
const SERVER_TYPES: ReadonlyMap<number, Exclude<GatewayApi, 'auto'>> = new Map([
  [1, 'thrift1'],
  [2, 'thrift2'],
]);

/**
 * @internal Asks the gateway at the other end of a freshly opened channel which API it serves.
 * `getThriftServerType` has the same name, no arguments and the same result (an i32 enum) in both
 * IDLs, so the Thrift1 encoding of the question is understood by either gateway. Gateways older
 * than the question (before HBase 2.1) know only Thrift1, and answer it with "Invalid method
 * name". Any other failure (a timeout, a dropped socket) rejects as it is.
 */
export async function detectGatewayApi(
  channel: ThriftChannel<Gateway>,
): Promise<Exclude<GatewayApi, 'auto'>> {
  let serverType: number;
  try {
    serverType = await channel.call('getThriftServerType', (g) => g.serverType());
  } catch (error) {
    if (error instanceof ThriftApplicationError && error.type === UNKNOWN_METHOD) return 'thrift1';
    throw error;
  }
  const api = SERVER_TYPES.get(serverType);
  if (api === undefined) {
    throw new ProtocolMismatchError(
      `${channel.description} answered getThriftServerType with ${serverType}, ` +
        'which is neither Thrift1 (1) nor Thrift2 (2)',
    );
  }
  return api;
}
