import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type SecureTestEnv, secureTestEnv } from './secure-env';

const run = promisify(execFile);

/** The environment MIT's tools (and the GSS-API library) need: the realm's krb5.conf, a cache. */
export const kerberosEnv = (ccache: string, env: SecureTestEnv = secureTestEnv()): NodeJS.ProcessEnv => ({
  ...process.env,
  KRB5_CONFIG: env.krb5Conf,
  KRB5CCNAME: ccache,
});

/** A new, empty credential cache name: `FILE:` in a fresh temp folder, or a `DIR:` collection. */
export function newCcache(kind: 'FILE' | 'DIR' = 'FILE'): string {
  const dir = mkdtempSync(join(tmpdir(), 'hbase-mapper-krb5-'));
  return kind === 'DIR' ? `DIR:${dir}` : `FILE:${join(dir, 'cc')}`;
}

/**
 * Gets a ticket for `user` (alice, bob, carol, admin) from its keytab into `ccache` (`kinit -kt`;
 * into a `DIR:` collection it adds the user beside the others, the last one becoming primary).
 * `lifetime`: kinit's `-l` (e.g. `'3s'`; the KDC allows lives down to 1 s). Resolves with `ccache`.
 */
export async function kinit(
  user: string,
  options: { ccache?: string; lifetime?: string } = {},
): Promise<string> {
  const env = secureTestEnv();
  const ccache = options.ccache ?? newCcache();
  const life = options.lifetime ? ['-l', options.lifetime] : [];
  await run('kinit', [...life, '-kt', join(env.keytabs, `${user}.keytab`), `${user}@${env.realm}`], {
    env: kerberosEnv(ccache, env),
    timeout: 15_000,
  });
  return ccache;
}

/** True when `ccache` holds a ticket-granting ticket that has not expired (`klist -s`). */
export async function hasValidTicket(ccache: string): Promise<boolean> {
  try {
    await run('klist', ['-s'], { env: kerberosEnv(ccache), timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A cache holding an EXPIRED ticket of `user`: a ticket living 1 s, then waits (bounded, 10 s) until
 * `klist -s` says it is no longer valid. The wait is the condition itself (expiry), not a guess.
 */
export async function expiredTicket(user: string): Promise<string> {
  const ccache = await kinit(user, { lifetime: '1s' });
  const deadline = Date.now() + 10_000;
  while (await hasValidTicket(ccache)) {
    if (Date.now() > deadline) throw new Error('the 1 s ticket was still valid after 10 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return ccache;
}

/** `klist`'s output for `ccache` (`-A`: every cache of a DIR: collection). */
export async function klist(ccache: string): Promise<string> {
  const { stdout } = await run('klist', ['-A'], { env: kerberosEnv(ccache), timeout: 10_000 });
  return stdout;
}
