import { join } from 'node:path';

/** @internal The Kerberos realm of the secure test instance. */
export const REALM = 'HBASE.TEST';

/**
 * @internal The service principal of every HBase JVM of the standalone instance (master, region
 * server and the gateways run as one identity: a standalone HBase has one host, and Hadoop maps
 * `hbase/localhost@HBASE.TEST` to the short name `hbase`, the superuser).
 */
export const HBASE_PRINCIPAL = `hbase/localhost@${REALM}`;
/** @internal The principal the HTTPS gateways check SPNEGO tokens for (`HTTP/<host>` by convention). */
export const HTTP_PRINCIPAL = `HTTP/localhost@${REALM}`;

/**
 * @internal A service principal the KDC knows but no gateway runs as: a client asking for service
 * `thrift@localhost` gets a ticket the gateway cannot decrypt (the "wrong service principal" case,
 * unlike an unknown one, which the KDC itself refuses).
 */
export const WRONG_SERVICE_PRINCIPAL = `thrift/localhost@${REALM}`;

/**
 * @internal The test users. `alice` may act as `bob` (doAs through the HTTPS gateways); `admin` is an
 * HBase superuser, for grants; `carol` has no rights and no proxy rights.
 */
export const TEST_USERS = ['alice', 'bob', 'carol', 'admin'] as const;

/** @internal Every principal the KDC creates, each exported to a keytab of its own. */
export const PRINCIPALS = [
  HBASE_PRINCIPAL,
  HTTP_PRINCIPAL,
  WRONG_SERVICE_PRINCIPAL,
  ...TEST_USERS.map((u) => `${u}@${REALM}`),
];

/** @internal `alice@HBASE.TEST` → `alice`, `hbase/localhost@HBASE.TEST` → `hbase_localhost`. */
export const keytabName = (principal: string): string =>
  `${principal.split('@')[0]!.replace(/\//g, '_')}.keytab`;

/** @internal The keytab of `principal` (with or without its realm) in the keytab folder `dir`. */
export const keytabPath = (dir: string, principal: string): string => join(dir, keytabName(principal));
