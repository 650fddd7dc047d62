// The Kerberized HBase for the docs whose code blocks need one (docs/guides/secure-clusters.md):
// started or reused as the integration-secure jest project does (scripts/hbase/secure.mjs), with
// tickets from the project's test tools (test/support/kerberos-ticket.ts) and the environment the
// blocks read (`process.env.X ?? 'a default that reads naturally for users'`).

import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startSecure, stopSecure } from '../hbase/secure.mjs';

const require = createRequire(import.meta.url);

/** The Markdown files whose programs run against the secure instance instead of localhost:9090. */
export const SECURE_DOCS = new Set(['docs/guides/secure-clusters.md']);

/**
 * Starts (or reuses) the secure instance and gets tickets for `alice` and `admin` (HBase superuser,
 * the collection's primary: blocks without `auth.principal` create tables as admin) into a fresh
 * `DIR:` credential cache collection (`KRB5CCNAME`), and for `alice` into a `FILE:` cache of its own
 * (`HBASE_APP_CCACHE`, the per-connection `auth.ccache` of the blocks).
 * @returns {Promise<{ env: NodeJS.ProcessEnv, adminOptions: object, stop: () => Promise<void> }>}
 *   `env`: what the secure programs get on top of the runner's environment; `adminOptions`: the
 *   connection options the runner uses to find and drop what a secure program left behind.
 */
export async function ensureSecureDocs({ log }) {
  const { alreadyRunning, env: instance } = await startSecure({ log: (m) => log(`secure: ${m}`) });
  // The GSS-API library reads KRB5_CONFIG from the process's environment: the runner's own admin
  // connection needs it in process.env, the programs in their env.
  Object.assign(process.env, instance);
  const { kinit, newCcache } = require('../../test/support/kerberos-ticket.ts');
  const ccache = newCcache('DIR');
  await kinit('alice', { ccache });
  await kinit('admin', { ccache });
  const appCcache = await kinit('alice');
  const realm = instance.HBASE_SECURE_REALM;
  const env = {
    ...instance,
    KRB5CCNAME: ccache,
    HBASE_GATEWAY_HOST: 'localhost', // the gateways' principals are hbase/localhost, HTTP/localhost
    HBASE_SASL_PORT: instance.HBASE_SECURE_THRIFT_AUTH_CONF_PORT,
    HBASE_SASL_SERVERS: `localhost:${instance.HBASE_SECURE_THRIFT_AUTH_PORT},localhost:${instance.HBASE_SECURE_THRIFT_AUTH_SECOND_PORT}`,
    HBASE_HTTPS_PORT: instance.HBASE_SECURE_THRIFT_HTTPS_PORT,
    HBASE_GATEWAY_CA: instance.HBASE_SECURE_CA,
    HBASE_CLIENT_PRINCIPAL: `alice@${realm}`,
    HBASE_CLIENT_KEYTAB: join(instance.HBASE_SECURE_KEYTABS, 'alice.keytab'),
    HBASE_APP_CCACHE: appCcache,
    HBASE_DOAS_USER: 'bob', // alice may act as bob (hadoop.proxyuser.alice.*)
  };
  const adminOptions = {
    host: 'localhost',
    port: Number(instance.HBASE_SECURE_THRIFT_AUTH_PORT),
    auth: {
      mechanism: 'kerberos',
      keytab: join(instance.HBASE_SECURE_KEYTABS, 'admin.keytab'),
      principal: `admin@${realm}`,
    },
  };
  return {
    env,
    adminOptions,
    stop: async () => {
      for (const name of [ccache.slice('DIR:'.length), dirname(appCcache.slice('FILE:'.length))])
        rmSync(name, { recursive: true, force: true });
      if (!alreadyRunning) {
        log('stopping the secure HBase started for the docs');
        await stopSecure();
      }
    },
  };
}
