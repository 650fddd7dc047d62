import type { ConnectionOptions } from '../client/connection-options';
import { GATEWAY_SPECS } from './gateways';
import { gatewayKind, type InstanceRecord } from './instance-record';

/**
 * @internal The connection options of one gateway of an instance. The API is declared (no
 * detection round trip); an https gateway's self-signed certificate is trusted by its PEM.
 */
export function gatewayConnectionOptions(record: InstanceRecord, name: string): ConnectionOptions {
  const spec = GATEWAY_SPECS[gatewayKind(record, name)];
  const options: ConnectionOptions = {
    host: '127.0.0.1',
    port: record.ports.gateways[name]!.port,
    transport: spec.transport,
    protocol: spec.protocol,
    api: spec.api,
  };
  if (spec.tls) options.tls = { ca: record.caPem! };
  return options;
}

/** @internal The same as a connection URL (without the certificate, which a URL cannot carry). */
export function gatewayUrl(record: InstanceRecord, name: string): string {
  const spec = GATEWAY_SPECS[gatewayKind(record, name)];
  const port = record.ports.gateways[name]!.port;
  if (spec.transport === 'http') return `${spec.tls ? 'https' : 'http'}://127.0.0.1:${port}/?api=${spec.api}`;
  const framed = spec.transport === 'framed' ? 'transport=framed&protocol=compact&' : '';
  return `hbase://127.0.0.1:${port}?${framed}api=${spec.api}`;
}
