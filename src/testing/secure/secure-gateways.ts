import type { LocalGatewayName } from '../gateways';
import type { Qop } from './secure-site';

/** @internal A gateway of the secure instance: its kind, QOP (socket ones), port and port variable. */
export interface SecureGateway {
  name: string;
  kind: LocalGatewayName;
  /** SASL QOP of a socket gateway; HTTPS ones authenticate with SPNEGO instead. */
  qop?: Qop;
  port: number;
  portEnv: string;
}

const socket = (
  name: string,
  kind: LocalGatewayName,
  qop: Qop,
  port: number,
  env: string,
): SecureGateway => ({
  name,
  kind,
  qop,
  port,
  portEnv: `HBASE_SECURE_${env}_PORT`,
});

/**
 * @internal Every gateway of the secure instance, on fixed ports of a 91xx/94xx block that the plain
 * instance (90xx, 9443/9444, 2181, 160xx) never uses. Socket gateways: one per QOP and API, plus a
 * twin of the Thrift1 `auth` one (pool and failover tests); HTTPS + SPNEGO + doAs: one per API.
 */
export const SECURE_GATEWAYS: readonly SecureGateway[] = [
  socket('auth', 'thrift1', 'auth', 9110, 'THRIFT_AUTH'),
  socket('auth-int', 'thrift1', 'auth-int', 9111, 'THRIFT_AUTH_INT'),
  socket('auth-conf', 'thrift1', 'auth-conf', 9112, 'THRIFT_AUTH_CONF'),
  socket('auth-second', 'thrift1', 'auth', 9113, 'THRIFT_AUTH_SECOND'),
  socket('thrift2-auth', 'thrift2', 'auth', 9120, 'THRIFT2_AUTH'),
  socket('thrift2-auth-int', 'thrift2', 'auth-int', 9121, 'THRIFT2_AUTH_INT'),
  socket('thrift2-auth-conf', 'thrift2', 'auth-conf', 9122, 'THRIFT2_AUTH_CONF'),
  { name: 'https', kind: 'thrift1-https', port: 9453, portEnv: 'HBASE_SECURE_THRIFT_HTTPS_PORT' },
  { name: 'thrift2-https', kind: 'thrift2-https', port: 9454, portEnv: 'HBASE_SECURE_THRIFT2_HTTPS_PORT' },
];

/** @internal The ports of the KDC and the HBase JVM, with their variables. */
export const SECURE_CORE_PORTS = {
  kdc: { port: 9188, env: 'HBASE_SECURE_KDC_PORT' },
  zookeeper: { port: 9181, env: 'HBASE_SECURE_ZK_PORT' },
  master: { port: 9160, env: 'HBASE_SECURE_MASTER_PORT' },
  regionServer: { port: 9162, env: 'HBASE_SECURE_REGIONSERVER_PORT' },
} as const;
