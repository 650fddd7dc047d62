#!/usr/bin/env node
// `npm test`: everything that decides whether a change lands, against one real HBase. Makes sure the
// gateways answer (starting the project's local HBase if none does), then runs the jest suites, the
// code blocks of README.md and docs/ (against the built package) and the consumer projects (the
// packed tarball in fresh projects), and stops HBase again if it was started here. The Kerberized
// instance of the secure suites (scripts/hbase/secure.mjs) is started (or reused) beside it.
// With arguments (`npm test -- test/unit/bytes.test.ts`), only jest runs, with those arguments.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureHBase, SUITE_GATEWAYS, stopHBase } from './hbase/ensure.mjs';
import { startSecure, stopSecure } from './hbase/secure.mjs';

const jestArgs = process.argv.slice(2);
const jest = createRequire(import.meta.url).resolve('jest/bin/jest');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Each step: a name and the command it runs; the first to fail stops the run. */
const steps = [['jest suites', process.execPath, [jest, ...jestArgs]]];
if (jestArgs.length === 0) {
  steps.push(
    ['build', npm, ['run', 'build', '--silent']],
    ['docs runner self-test', process.execPath, ['--test', 'scripts/docs/']],
    ['code blocks of README.md and docs/', process.execPath, ['scripts/test-docs.mjs']],
    ['consumer projects (packed tarball)', process.execPath, ['scripts/test-consumers.mjs']],
  );
}

const log = (message) => process.stdout.write(`[hbase] ${message}\n`);
const { startedByUs } = await ensureHBase({
  gateways: SUITE_GATEWAYS,
  log,
});
let failed;
let secureStartedByUs = false;
try {
  // The Kerberized instance of the integration-secure project, beside the plain one (its own folder
  // and ports); reused when it runs already. Not for a run of chosen jest arguments: the project's
  // global setup starts it when a secure suite is among them.
  if (jestArgs.length === 0) {
    const secure = await startSecure({ log: (message) => log(`secure: ${message}`) });
    secureStartedByUs = !secure.alreadyRunning;
  }
  for (const [name, command, args] of steps) {
    const started = Date.now();
    console.log(`\n== npm test: ${name}`);
    const { status, error } = spawnSync(command, args, { stdio: 'inherit' });
    console.log(
      `== ${name}: ${status === 0 ? 'passed' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (status !== 0 || error) {
      failed = name;
      break;
    }
  }
} finally {
  if (secureStartedByUs) {
    log('stopping the secure HBase started for these tests');
    await stopSecure();
  }
  if (startedByUs) {
    log('stopping the local HBase started for these tests (keep one running with `npm run hbase:start`)');
    await stopHBase();
  }
}
if (failed) {
  console.log(`\nnpm test failed at: ${failed}`);
  process.exit(1);
}
console.log('\nnpm test: every step passed');
