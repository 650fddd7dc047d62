import { HBASE_PRINCIPAL, HTTP_PRINCIPAL, keytabPath } from './realm';

/** @internal A gateway's SASL quality of protection (`hbase.thrift.security.qop`). */
export type Qop = 'auth' | 'auth-int' | 'auth-conf';

type Props = Record<string, string | number | boolean>;

/**
 * @internal What every JVM of the secure instance shares: Kerberos for HBase's RPC and Hadoop's
 * UGI, the server principals a client must expect, and who may act for whom. Both `hbase.*` and
 * `hadoop.*` switches are needed: the Thrift gateways refuse SASL/SPNEGO unless both are on.
 */
export function securityProps(keytabDir: string): Props {
  const hbaseKeytab = keytabPath(keytabDir, HBASE_PRINCIPAL);
  return {
    'hbase.security.authentication': 'kerberos',
    'hadoop.security.authentication': 'kerberos',
    'hbase.security.authorization': true,
    'hadoop.security.authorization': true,
    'hbase.master.kerberos.principal': HBASE_PRINCIPAL,
    'hbase.master.keytab.file': hbaseKeytab,
    'hbase.regionserver.kerberos.principal': HBASE_PRINCIPAL,
    'hbase.regionserver.keytab.file': hbaseKeytab,
    // `hbase` is the identity of the master, region server and gateways; `admin` the test users'
    // superuser (the grant tool logs in as it).
    'hbase.superuser': 'hbase,admin',
    // The gateways act for the client they authenticated: HBase's RPC server allows it only to a
    // proxy user. Any host (all is loopback), any user: the users have no Unix groups here.
    'hadoop.proxyuser.hbase.hosts': '*',
    'hadoop.proxyuser.hbase.groups': '*',
    'hadoop.proxyuser.hbase.users': '*',
    // doAs through the HTTPS gateways: alice may act as bob (and nobody else may act as anyone).
    'hadoop.proxyuser.alice.hosts': '*',
    'hadoop.proxyuser.alice.users': 'bob',
    // The test users have no Unix accounts: no `id` lookups (and their warnings) for their groups.
    'hadoop.user.group.static.mapping.overrides': 'hbase=hbase;alice=;bob=;carol=;admin=',
  };
}

/**
 * @internal The master's additions: the access controller (grants and revokes, checked on every
 * call) and the token provider, as HBase's reference guide lists them for a secure cluster.
 */
export function masterSecurityProps(keytabDir: string): Props {
  const access = 'org.apache.hadoop.hbase.security.access.AccessController';
  return {
    ...securityProps(keytabDir),
    'hbase.coprocessor.master.classes': access,
    'hbase.coprocessor.region.classes': `org.apache.hadoop.hbase.security.token.TokenProvider,${access}`,
    'hbase.coprocessor.regionserver.classes': access,
  };
}

/**
 * @internal A socket gateway with SASL GSSAPI at `qop`. The thread-pool server (the launcher's
 * `-threadpool`), not framed: HBase refuses SASL on framed transport. `hbase.thrift.dns.interface`
 * = `lo`: the SASL server's host is the name of that interface's address (`localhost`), the host
 * of the principal in the keytab, not the machine's hostname.
 */
export function socketGatewayProps(keytabDir: string, qop: Qop): Props {
  return {
    ...securityProps(keytabDir),
    'hbase.thrift.security.qop': qop,
    'hbase.thrift.kerberos.principal': HBASE_PRINCIPAL,
    'hbase.thrift.keytab.file': keytabPath(keytabDir, HBASE_PRINCIPAL),
    'hbase.thrift.dns.interface': 'lo',
  };
}

/**
 * @internal An HTTPS gateway checking SPNEGO tokens for `HTTP/localhost`, with `doAs`
 * impersonation (`hbase.thrift.support.proxyuser`). TLS comes from the gateway kind (`*-https`).
 */
export function spnegoGatewayProps(keytabDir: string): Props {
  return {
    ...securityProps(keytabDir),
    'hbase.thrift.kerberos.principal': HBASE_PRINCIPAL,
    'hbase.thrift.keytab.file': keytabPath(keytabDir, HBASE_PRINCIPAL),
    'hbase.thrift.spnego.principal': HTTP_PRINCIPAL,
    'hbase.thrift.spnego.keytab.file': keytabPath(keytabDir, HTTP_PRINCIPAL),
    'hbase.thrift.support.proxyuser': true,
    'hbase.thrift.dns.interface': 'lo',
  };
}
