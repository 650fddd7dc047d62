// Runs the Jest and the Vitest suites at once: two test runs on one machine, each with a local
// HBase of its own (on free ports), as two projects or two terminals would. Both must pass, on
// different instances, and leave no Java process behind.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const run = (name, args, gateways) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, HBASE_MAPPER_TESTING_GATEWAYS: gateways },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      process.stdout.write(`---- ${name} (exit ${code})\n${output}\n`);
      resolve({ code, output });
    });
  });

const ourJvms = () =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('-Dhbase.mapper.testing.dir=');
      } catch {
        return false;
      }
    });
const before = new Set(ourJvms());

const [jest, vitest] = await Promise.all([
  run('jest', ['node_modules/jest/bin/jest.js'], 'thrift1,thrift2'),
  run('vitest', ['node_modules/vitest/vitest.mjs', 'run'], 'thrift1'),
]);
const jestUrl = /JEST-USED (\S+)/.exec(jest.output)?.[1];
const vitestUrl = /VITEST-USED (\S+)/.exec(vitest.output)?.[1];
const problems = [];
if (jest.code !== 0) problems.push('the Jest run failed');
if (vitest.code !== 0) problems.push('the Vitest run failed');
if (!jestUrl || !vitestUrl || jestUrl === vitestUrl)
  problems.push(`not two instances: ${jestUrl} ${vitestUrl}`);
const left = ourJvms().filter((pid) => !before.has(pid));
if (left.length > 0) problems.push(`Java processes left behind: ${left.join(', ')}`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`two test runs at once passed, on ${jestUrl} and ${vitestUrl}`);
