import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type SecureTestEnv, secureTestEnv } from './secure-env';

/** The HBase classpath the secure instance cached when it started (no Maven run here). */
function classpath(env: SecureTestEnv): string {
  const file = readdirSync(env.dir).find((f) => /^classpath-.*\.txt$/.test(f));
  if (!file) throw new Error(`no cached classpath in ${env.dir}`);
  return readFileSync(join(env.dir, file), 'utf8').trim();
}

/**
 * The launcher compiled once into `<instance>/classes/<hash of its source>/` (javac, then renamed
 * into place: workers compiling at once never see half a folder). Java's single-file launch would
 * compile it again at every call, a second or more of CPU each time on a busy machine.
 */
const compiled = new Map<string, Promise<string>>();
function compileOnce(source: string, env: SecureTestEnv): Promise<string> {
  const file = join(__dirname, source);
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
  const dir = join(env.dir, 'classes', hash);
  let done = compiled.get(dir);
  if (!done) {
    done = (async () => {
      if (existsSync(dir)) return dir;
      const partial = `${dir}.${process.pid}.tmp`;
      mkdirSync(partial, { recursive: true });
      await promisify(execFile)('javac', ['-nowarn', '-d', partial, '-cp', classpath(env), file], {
        timeout: 120_000,
      });
      try {
        renameSync(partial, dir);
      } catch {
        rmSync(partial, { recursive: true, force: true }); // another worker's copy won the rename
      }
      return dir;
    })();
    compiled.set(dir, done);
  }
  return done;
}

/** Runs one of the Java launchers of test/support against the secure instance; resolves with its last line. */
async function runJava(source: string, args: string[], env: SecureTestEnv): Promise<string> {
  const classes = await compileOnce(source, env);
  const { stdout } = await promisify(execFile)(
    'java',
    [
      `-Djava.security.krb5.conf=${env.krb5Conf}`,
      '-cp',
      `${classes}:${classpath(env)}`,
      source.replace(/\.java$/, ''),
      ...args,
    ],
    { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout.trim().split('\n').at(-1)!;
}

/**
 * HBase's Java admin as the superuser `admin` (from its keytab): `create <table> <family>`,
 * `drop <table>`, `grant <user> <table> <R|W|RW…>`, `revoke <user> <table>`.
 */
export async function secureAdmin(command: 'create' | 'drop' | 'grant' | 'revoke', ...args: string[]) {
  const env = secureTestEnv();
  return await runJava(
    'GrantTool.java',
    [String(env.zkPort), `admin@${env.realm}`, join(env.keytabs, 'admin.keytab'), command, ...args],
    env,
  );
}

/** Grants `user` the rights `actions` (`R`, `W`, `RW`, …) on `table`, as the superuser. */
export const grant = (user: string, table: string, actions: string) =>
  secureAdmin('grant', user, table, actions);
/** Revokes every right of `user` on `table`, as the superuser. */
export const revoke = (user: string, table: string) => secureAdmin('revoke', user, table);

/**
 * One call through a secure socket gateway with the JDK's SASL client, as `user` (keytab): thrift1
 * resolves with `tables: a b` (the tables `user` may see), thrift2 with tableExists(hbase:meta).
 * `service`: the SASL service name asked for (default `hbase`; `thrift` is the wrong-service case).
 */
export async function saslProbe(
  api: 'thrift1' | 'thrift2',
  port: number,
  qop: 'auth' | 'auth-int' | 'auth-conf',
  user: string,
  service = 'hbase',
): Promise<string> {
  const env = secureTestEnv();
  return await runJava(
    'SaslProbe.java',
    [api, String(port), qop, `${user}@${env.realm}`, join(env.keytabs, `${user}.keytab`), service],
    env,
  );
}
