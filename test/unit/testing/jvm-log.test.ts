// A restarted process appends to its log (the fault tests kill a gateway and start it again: the
// log of the killed one must survive), each start marked by a separator line.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JvmSpec, logSeparator, spawnJvm } from '../../../src/testing/jvm';

const dir = mkdtempSync(join(tmpdir(), 'hbase-kit-jvm-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// No JVM needed: any program writes to the log the spawn opened (here `sh` rejects the JVM flags).
const spec: JvmSpec = {
  java: '/bin/sh',
  dir,
  name: 'idle',
  mainClass: 'Main',
  confDir: dir,
  classpath: '',
  heap: '1m',
  args: [],
  logFile: join(dir, 'logs', 'idle.log'),
};

async function runOnce(): Promise<void> {
  const started = spawnJvm(spec);
  if (started.exit === undefined) await once(started.child, 'exit');
}

test('a second start appends to the log after a separator line, keeping the first run', async () => {
  await runOnce();
  const first = readFileSync(spec.logFile, 'utf8');
  writeFileSync(spec.logFile, `${first}last words of the killed gateway\n`);
  await runOnce();
  const log = readFileSync(spec.logFile, 'utf8');
  expect(log.startsWith(`${first}last words of the killed gateway\n`)).toBe(true);
  expect(log.match(/^===== hbase-mapper\/testing: idle started at .* =====$/gm)).toHaveLength(2);
});

test('the separator names the process and the time', () => {
  expect(logSeparator('master', new Date(0))).toBe(
    '===== hbase-mapper/testing: master started at 1970-01-01T00:00:00.000Z =====',
  );
});
