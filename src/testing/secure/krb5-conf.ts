import { writeFileSync } from 'node:fs';
import { REALM } from './realm';

/**
 * @internal Writes the krb5.conf every client of the secure instance reads: the JVMs
 * (`-Djava.security.krb5.conf`), MIT's kinit/klist/kvno and the client's GSS-API library
 * (`KRB5_CONFIG`). TCP only (`udp_preference_limit = 1`: the KDC listens on TCP alone), and no DNS
 * at all: `localhost` stays `localhost` in service principals (`rdns`, `dns_canonicalize_hostname`),
 * whatever the machine's resolver says.
 */
export function writeKrb5Conf(file: string, kdcPort: number): void {
  writeFileSync(
    file,
    `# Written by hbase-mapper's secure test instance (src/testing/secure/).
[libdefaults]
  default_realm = ${REALM}
  udp_preference_limit = 1
  rdns = false
  dns_canonicalize_hostname = false
  dns_lookup_kdc = false
  dns_lookup_realm = false
  forwardable = true
  ticket_lifetime = 24h
[realms]
  ${REALM} = {
    kdc = 127.0.0.1:${kdcPort}
  }
[domain_realm]
  localhost = ${REALM}
  .localhost = ${REALM}
`,
  );
}
