// The optional Java peer (`--peers=java-thrift2`): HBase's own Thrift2 client, ThriftConnection,
// run by bench/java/src/main/java/hbasemapper/bench/Thrift2Runner.java. Its classpath comes from
// bench/java/pom.xml through Maven (cached while the pom is unchanged, like hbase-mapper/testing does), and
// the sources are compiled with javac on every run (2 s): no Maven build plugins to download.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { JAVA_PEER } from './report.mjs';

// The flags hbase-mapper/testing starts HBase with, from its sources (transpiled on the fly).
const require = createRequire(import.meta.url);
require('../../test/support/ts-register-cached.cjs');
const { JDK17_FLAGS } = require('../../src/testing/jvm.ts');

export { JAVA_PEER };
/** What the Java runner implements (the workloads every peer runs; not pipelined-get or the mapper's). */
export const JAVA_WORKLOADS = ['put-get', 'pool-get', 'bulk-load', 'scan-full', 'scan-columns', 'counters'];

const POM = 'bench/java/pom.xml';
const SOURCES = 'bench/java/src/main/java/hbasemapper/bench';
const LOG_CONFIG = 'bench/java/log4j2.properties';
const OUT = '.build/bench/java';
const MAIN = 'hbasemapper.bench.Thrift2Runner';
const MVN_TIMEOUT_MS = 900_000; // a first run downloads the client's jars

const javaHome = process.env.JAVA_HOME;
const tool = (name) => (javaHome ? join(javaHome, 'bin', name) : name);

/** First line of `<command> -version`-style output, or undefined when the command is missing or fails. */
function versionOf(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (result.error || result.status !== 0) return undefined;
  return `${result.stdout}${result.stderr}`.split('\n').find((line) => line.trim() !== '');
}

function classpath(log) {
  // Absolute: Maven resolves a relative output file against the pom's folder, not the working one.
  const cacheFile = resolve(OUT, 'classpath.txt');
  const hashFile = join(OUT, 'classpath.sha256');
  const hash = createHash('sha256').update(readFileSync(POM)).digest('hex');
  if (existsSync(cacheFile) && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === hash) {
    const cached = readFileSync(cacheFile, 'utf8').trim();
    if (cached.split(':').every((jar) => existsSync(jar))) return cached;
  }
  log(`resolving the Java peer's classpath with Maven (${POM})`);
  execFileSync(
    'mvn',
    ['-q', '-B', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${cacheFile}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: MVN_TIMEOUT_MS,
    },
  );
  writeFileSync(hashFile, `${hash}\n`);
  return readFileSync(cacheFile, 'utf8').trim();
}

/**
 * Prepares the Java peer: `{ command, args, version }` to start a runner (append its --flags), or
 * `{ skipped }` saying why it cannot run here (no JDK or Maven, or the build failed).
 */
export function prepareJavaPeer({ log }) {
  const java = versionOf(tool('java'), ['-version']);
  const javac = versionOf(tool('javac'), ['-version']);
  const mvn = versionOf('mvn', ['-v']);
  const missing = [!java && 'java', !javac && 'javac (a JDK)', !mvn && 'mvn (Maven)'].filter(Boolean);
  if (missing.length > 0) return { skipped: `${missing.join(', ')} not found on PATH (or JAVA_HOME)` };
  try {
    mkdirSync(OUT, { recursive: true });
    const cp = classpath(log);
    const classes = join(OUT, 'classes');
    rmSync(classes, { recursive: true, force: true });
    const sources = readdirSync(SOURCES)
      .filter((f) => f.endsWith('.java'))
      .map((f) => join(SOURCES, f));
    execFileSync(tool('javac'), ['-nowarn', '-cp', cp, '-d', classes, ...sources], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return {
      command: tool('java'),
      // HBase's own JDK 17 flags: without them its Bytes utilities fall back from Unsafe to slower code.
      args: [...JDK17_FLAGS, `-Dlog4j2.configurationFile=${LOG_CONFIG}`, '-cp', `${classes}:${cp}`, MAIN],
      version: java.trim(),
    };
  } catch (error) {
    const said = `${error.stderr ?? ''}${error.stdout ?? ''}`.trim().split('\n').slice(-5).join(' | ');
    return { skipped: `building the Java peer failed: ${said || error.message}` };
  }
}
