import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { JavaNotFoundError } from './errors';

/** @internal The Java and keytool commands to run, and the Java version found. */
export interface JavaRuntime {
  java: string;
  keytool: string;
  version: string;
}

/** @internal The major version in `java -version` output (`"17.0.15"` → 17, `"1.8.0_292"` → 8). */
export function javaMajorVersion(output: string): { version: string; major: number } | undefined {
  const match = /version "([^"]+)"/.exec(output);
  if (!match) return undefined;
  const version = match[1]!;
  const parts = version.split(/[.+_-]/).map(Number);
  const major = parts[0] === 1 ? parts[1]! : parts[0]!;
  return Number.isInteger(major) ? { version, major } : undefined;
}

/**
 * @internal Finds Java 17+ (`$JAVA_HOME/bin/java`, else `java` on the PATH), or throws
 * {@link JavaNotFoundError} naming what to install.
 */
export async function findJava(env: NodeJS.ProcessEnv = process.env): Promise<JavaRuntime> {
  const bin = env.JAVA_HOME ? join(env.JAVA_HOME, 'bin') : undefined;
  const java = bin ? join(bin, 'java') : 'java';
  const keytool = bin ? join(bin, 'keytool') : 'keytool';
  // `java -version` writes to stderr; some builds (and JAVA_TOOL_OPTIONS notes) use stdout too.
  const output = await new Promise<string | undefined>((resolve) => {
    execFile(java, ['-version'], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      const text = `${stdout}${stderr}`;
      resolve(error && !text.includes('version "') ? undefined : text);
    });
  });
  if (output === undefined) throw new JavaNotFoundError(java);
  const found = javaMajorVersion(output);
  if (!found) throw new JavaNotFoundError(java, 'of an unknown version');
  if (found.major < 17) throw new JavaNotFoundError(java, found.version);
  return { java, keytool, version: found.version };
}
