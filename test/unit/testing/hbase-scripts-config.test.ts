// scripts/hbase: bad configuration is refused (exit 2) before anything starts, naming what is
// wrong. Every run here fails at the configuration, and every port variable points away from the
// default ports anyway, so no run can reach (or start) an HBase.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'scripts/hbase/cli.mjs');
const PORT_VARS = [
  'HBASE_ZK_PORT',
  'HBASE_MASTER_PORT',
  'HBASE_REGIONSERVER_PORT',
  'HBASE_THRIFT_PORT',
  'HBASE_THRIFT_FRAMED_PORT',
  'HBASE_THRIFT_HTTPS_PORT',
  'HBASE_THRIFT_HTTP_PORT',
  'HBASE_THRIFT_IDLE_PORT',
  'HBASE_THRIFT2_PORT',
  'HBASE_THRIFT2_FRAMED_PORT',
  'HBASE_THRIFT2_HTTPS_PORT',
  'HBASE_THRIFT2_HTTP_PORT',
  'HBASE_THRIFT_SECOND_PORT',
  'HBASE_THRIFT2_SECOND_PORT',
];
// Ports 30001-30014: nowhere near the default ports (the shared HBase); nothing listens there.
const safeEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, HBASE_THRIFT_HOST: '127.0.0.1' };
  delete env.HBASE_GATEWAYS;
  delete env.HBASE_START_TIMEOUT;
  PORT_VARS.forEach((name, i) => {
    env[name] = String(30001 + i);
  });
  return { ...env, ...extra };
};

function run(
  args: string[],
  extra: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: ROOT, env: safeEnv(extra), timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

/** Evaluates `expression` with project.mjs's exports in scope as `p`, printing it as JSON. */
async function project(expression: string, extra: Record<string, string> = {}): Promise<unknown> {
  const script = `import * as p from ${JSON.stringify(join(ROOT, 'scripts/hbase/project.mjs'))};
    try { console.log(JSON.stringify(await (${expression}))); } catch (e) { console.log(JSON.stringify({ error: e.message, code: e.code })); }`;
  const { stdout, stderr } = await run(['--input-type=module', '-e', script], extra);
  if (!stdout.trim()) throw new Error(stderr);
  return JSON.parse(stdout);
}

jest.setTimeout(60_000);

test('unknown gateways are named (the names the user typed), exit 2', async () => {
  const { code, stderr } = await run([CLI, 'start', '--gateways=bogus,framed,nope']);
  expect(code).toBe(2);
  expect(stderr).toContain('hbase: unknown gateway(s) bogus, nope (known: default, framed');
});

test('`suites` and `all` combine with gateway names (a union, each once)', async () => {
  const suites = (await project("p.parseGatewayList('suites')")) as string[];
  expect(suites).toHaveLength(11);
  expect(await project("p.parseGatewayList('suites,idle')")).toEqual(suites);
  expect(await project("p.parseGatewayList('all,thrift2')")).toEqual([
    'default',
    'framed',
    'https',
    'thrift2',
  ]);
  expect(await project("p.parseGatewayList('idle,all')")).toEqual(['idle', 'default', 'framed', 'https']);
});

test.each([['--timeout=5000'], ['--timeout=abc'], ['--timeout=0']])(
  '%s is refused naming the flag and its unit, exit 2',
  async (flag) => {
    const { code, stderr } = await run([CLI, 'start', flag]);
    expect(code).toBe(2);
    expect(stderr).toContain('hbase: --timeout takes seconds, from 1 to 3600');
  },
);

test.each([
  ['HBASE_START_TIMEOUT', '5000', 'HBASE_START_TIMEOUT takes seconds, from 1 to 3600'],
  [
    'HBASE_THRIFT_IDLE_TIMEOUT_MS',
    'soon',
    'HBASE_THRIFT_IDLE_TIMEOUT_MS must be a positive number of milliseconds',
  ],
  [
    'HBASE_THRIFT_IDLE_TIMEOUT_MS',
    '-5',
    'HBASE_THRIFT_IDLE_TIMEOUT_MS must be a positive number of milliseconds',
  ],
  [
    'HBASE_THRIFT_IDLE_TIMEOUT_MS',
    '1.5',
    'HBASE_THRIFT_IDLE_TIMEOUT_MS must be a whole number of milliseconds',
  ],
  ['HBASE_MVN_TIMEOUT', 'never', 'HBASE_MVN_TIMEOUT must be a positive number of seconds'],
  ['HBASE_THRIFT_IDLE_PORT', '70000', 'HBASE_THRIFT_IDLE_PORT is not a valid TCP port'],
])('%s=%s is refused by name, exit 2', async (name, value, message) => {
  const { code, stderr } = await run([CLI, 'start', '--gateways=default,idle'], { [name]: value });
  expect(code).toBe(2);
  expect(stderr).toContain(`hbase: ${message}`);
});

test('outside gateways: each one wanted is probed, those not answering are named', async () => {
  const missing = await project("p.missingOutsideGateways(['default', 'framed', 'https', 'thrift2-http'])");
  expect(missing).toEqual(['default', 'framed', 'https', 'thrift2-http']);
});
