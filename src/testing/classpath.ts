import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ClasspathResolutionError, MavenNotFoundError } from './errors';
import type { LocalHBaseProgress } from './progress';

/** The pom listing HBase's jars; the build copies it beside the compiled code. */
export const POM_FILE = join(__dirname, 'pom.xml');
/**
 * The first run downloads ~200 MB: bounded, but generously. The project's scripts pass their own
 * bound (an internal option, from their `HBASE_MVN_TIMEOUT`): the kit reads no variable for it.
 */
const DEFAULT_MAVEN_TIMEOUT_MS = 15 * 60_000;

/**
 * @internal The JVM classpath of HBase, from the cache when every jar it lists still exists (no
 * Maven at all), else from `mvn -o` (Maven's repository may hold the jars already), else from Maven
 * online, counting the files it downloads into `onProgress`.
 */
export async function resolveClasspath(
  cacheDir: string,
  onProgress: (progress: LocalHBaseProgress) => void,
  mavenTimeout: number = DEFAULT_MAVEN_TIMEOUT_MS,
): Promise<string> {
  const hash = createHash('sha256').update(readFileSync(POM_FILE)).digest('hex').slice(0, 16);
  const cacheFile = join(cacheDir, `classpath-${hash}.txt`);
  const cached = readClasspath(cacheFile);
  if (cached) return cached;
  // Starts at once in this process share one Maven run.
  let running = inProgress.get(cacheFile);
  if (!running) {
    running = runResolution(cacheDir, cacheFile, onProgress, mavenTimeout).finally(() =>
      inProgress.delete(cacheFile),
    );
    inProgress.set(cacheFile, running);
  }
  return await running;
}

const inProgress = new Map<string, Promise<string>>();

async function runResolution(
  cacheDir: string,
  cacheFile: string,
  onProgress: (progress: LocalHBaseProgress) => void,
  mavenTimeout: number,
): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  // Written aside (a name of its own: processes resolving at once each run Maven) then renamed, so
  // nobody reads a half-written list.
  const partial = `${cacheFile}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    onProgress({ stage: 'jars', message: 'resolving the HBase jars with Maven (offline first)' });
    let run = await runMaven(['-o'], partial, onProgress, mavenTimeout);
    if (run.code !== 0) {
      onProgress({ stage: 'jars', message: 'fetching the HBase jars from Maven Central (~200 MB, once)' });
      run = await runMaven([], partial, onProgress, mavenTimeout);
    }
    if (run.code !== 0) throw new ClasspathResolutionError(`mvn exited with ${run.code}`, run.tail);
    const classpath = readClasspath(partial);
    if (!classpath) throw new ClasspathResolutionError('mvn listed no jars', run.tail);
    renameSync(partial, cacheFile);
    return classpath;
  } finally {
    rmSync(partial, { force: true });
  }
}

function readClasspath(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const classpath = readFileSync(file, 'utf8').trim();
  return classpath?.split(':').every((jar) => existsSync(jar)) ? classpath : undefined;
}

/** Runs `mvn dependency:build-classpath`; resolves with its exit code and its last lines. */
function runMaven(
  extra: string[],
  outputFile: string,
  onProgress: (progress: LocalHBaseProgress) => void,
  mavenTimeout: number,
): Promise<{ code: number | string; tail: string }> {
  const args = [
    '-B',
    ...extra,
    '-f',
    POM_FILE,
    'dependency:build-classpath',
    `-Dmdep.outputFile=${outputFile}`,
  ];
  return new Promise((resolve, reject) => {
    // The environment as this module sees it (passed explicitly: a test runner's sandbox may
    // give the module its own `process.env`, e.g. a PATH leading to a stand-in Maven).
    const child = spawn('mvn', args, { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let downloaded = 0;
    let pending = '';
    const onData = (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        // Batch mode prints one "Downloaded from <repo>: <url> (<size> at <speed>)" per file.
        if (/^\[INFO\] Downloaded from /.test(line)) {
          downloaded++;
          onProgress({
            stage: 'jars',
            message: `downloaded ${downloaded} files from Maven Central`,
            downloaded,
          });
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), mavenTimeout);
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(error.code === 'ENOENT' ? new MavenNotFoundError() : error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? `signal ${signal}`, tail: [...tail, pending].join('\n').trim() });
    });
  });
}
