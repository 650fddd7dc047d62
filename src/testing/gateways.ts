import type { GatewayApi } from '../client/connection-settings';
import type { ProtocolKind, TransportKind } from '../client/transport/channel-options';

/**
 * A Thrift gateway a {@link LocalHBase} can run: the API it serves, then its transport.
 *
 * - `thrift1`, `thrift2`: a socket, buffered transport, binary protocol (what most apps use);
 * - `*-framed`: framed transport, compact protocol;
 * - `*-http`: HTTP POSTs, binary protocol;
 * - `*-https`: HTTP POSTs over TLS, with a self-signed certificate whose CA
 *   {@link LocalHBase.connectionOptions} passes along.
 */
export type LocalGatewayName =
  | 'thrift1'
  | 'thrift1-framed'
  | 'thrift1-http'
  | 'thrift1-https'
  | 'thrift2'
  | 'thrift2-framed'
  | 'thrift2-http'
  | 'thrift2-https';

/** @internal What a client must speak to reach a gateway, and how the gateway is configured. */
export interface GatewaySpec {
  api: Exclude<GatewayApi, 'auto'>;
  transport: TransportKind;
  protocol: ProtocolKind;
  tls: boolean;
}

const socket = (api: GatewaySpec['api']): GatewaySpec => ({
  api,
  transport: 'buffered',
  protocol: 'binary',
  tls: false,
});
const framed = (api: GatewaySpec['api']): GatewaySpec => ({
  api,
  transport: 'framed',
  protocol: 'compact',
  tls: false,
});
const http = (api: GatewaySpec['api'], tls: boolean): GatewaySpec => ({
  api,
  transport: 'http',
  protocol: 'binary',
  tls,
});

/** @internal Every gateway by name. */
export const GATEWAY_SPECS: Readonly<Record<LocalGatewayName, GatewaySpec>> = {
  thrift1: socket('thrift1'),
  'thrift1-framed': framed('thrift1'),
  'thrift1-http': http('thrift1', false),
  'thrift1-https': http('thrift1', true),
  thrift2: socket('thrift2'),
  'thrift2-framed': framed('thrift2'),
  'thrift2-http': http('thrift2', false),
  'thrift2-https': http('thrift2', true),
};

/** @internal The gateway names, in a stable order (for messages). */
export const GATEWAY_NAMES = Object.keys(GATEWAY_SPECS) as LocalGatewayName[];

/**
 * @internal A gateway of an instance, named apart from what it runs: the project's own HBase
 * (scripts/hbase) runs e.g. `default` and `idle`, two `thrift1` gateways, the second closing idle
 * sockets. A public `start()` names each gateway by its kind.
 */
export interface GatewayDescriptor {
  /** The name the instance knows it by (its log file, conf folder and record key). */
  name: string;
  /** What it runs. */
  kind: LocalGatewayName;
  /** A fixed port (taken ones are refused), else one drawn at random. */
  port?: number;
  /** hbase-site.xml keys of this gateway only, on top of those its kind needs. */
  siteProperties?: Record<string, string | number | boolean>;
}
