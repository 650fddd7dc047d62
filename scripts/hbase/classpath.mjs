// Resolves the JVM classpath from pom.xml with Maven, cached in .hbase/ and re-resolved only when
// pom.xml changes (hash) or a cached jar vanished from ~/.m2.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { POM } from './config.mjs';

const MVN_TIMEOUT_MS = Number(process.env.HBASE_MVN_TIMEOUT ?? 900) * 1000; // first run downloads ~200 MB

export function resolveClasspath(cfg, log = () => {}) {
  const cacheFile = join(cfg.home, 'classpath.txt');
  const hashFile = join(cfg.home, 'classpath.sha256');
  const hash = createHash('sha256').update(readFileSync(POM)).digest('hex');
  if (existsSync(cacheFile) && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === hash) {
    const cp = readFileSync(cacheFile, 'utf8').trim();
    if (cp?.split(':').every((jar) => existsSync(jar))) return cp;
  }
  log('resolving the HBase classpath with Maven (pom.xml changed or first run)...');
  mkdirSync(cfg.home, { recursive: true });
  try {
    execFileSync(
      'mvn',
      ['-q', '-B', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${cacheFile}`],
      { stdio: ['ignore', 'pipe', 'pipe'], timeout: MVN_TIMEOUT_MS, encoding: 'utf8' },
    );
  } catch (e) {
    const out = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    const why =
      e.code === 'ENOENT'
        ? 'mvn not found on PATH'
        : e.signal
          ? `mvn timed out after ${MVN_TIMEOUT_MS / 1000}s`
          : `mvn exited ${e.status}`;
    throw Object.assign(new Error(`classpath resolution failed: ${why}\n${out}`), {
      code: 'EHBASECLASSPATH',
    });
  }
  const cp = readFileSync(cacheFile, 'utf8').trim();
  if (!cp) throw Object.assign(new Error('mvn produced an empty classpath'), { code: 'EHBASECLASSPATH' });
  writeFileSync(hashFile, `${hash}\n`);
  return cp;
}
