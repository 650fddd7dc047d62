// The build the TS runner measures: `npm run build`, the runner compiled, and a copy of the
// package's build that the runner imports, so that a rebuild of dist/ during a run (by anyone)
// cannot change or break what is measured.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
/** Where the copy goes; .build/bench has a package.json of its own, so 'hbase-mapper' resolves to it. */
export const SNAPSHOT = '.build/bench/node_modules/hbase-mapper';
export const TS_RUNNER = '.build/bench/ts/runner.js';

/**
 * Builds (unless `build` is false: then dist/ must hold a build), compiles the TS runner and takes
 * the copy. Returns the copy's CommonJS entry point, for the orchestrator's own admin calls.
 */
export function prepareTsRunner({ build, log }) {
  if (build) {
    log('building the package (npm run build)');
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  } else if (!existsSync('dist/cjs/index.js')) {
    throw new Error('--build=false but there is no build in dist/: run npm run build first');
  }
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'bench/tsconfig.json'], {
    stdio: 'inherit',
  });
  rmSync(SNAPSHOT, { recursive: true, force: true });
  mkdirSync(SNAPSHOT, { recursive: true });
  cpSync('dist', join(SNAPSHOT, 'dist'), { recursive: true });
  cpSync('package.json', join(SNAPSHOT, 'package.json'));
  // The copy's dependencies still resolve from the project's node_modules.
  writeFileSync('.build/bench/package.json', '{ "name": "hbase-mapper-bench", "private": true }\n');
  return require(`../../${SNAPSHOT}/dist/cjs/index.js`);
}

/** The commit measured, marked when src/ has uncommitted changes. */
export function gitRevision() {
  try {
    const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', 'src') ? ' + uncommitted src/ changes' : ''}`;
  } catch {
    return 'unknown';
  }
}
