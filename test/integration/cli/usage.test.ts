// The command line itself: --help on every command, usage errors (exit code 2, the message naming
// the flag), failures (exit code 1, one line, no stack unless --verbose). The CLI runs as a child
// process (test/support/cli.ts).
import { Connection } from '../../../src';
import { gatewayFlags, runCli } from '../../support/cli';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const flags = gatewayFlags(gateways.default());
const COMMANDS = [
  'local',
  'local start',
  'local status',
  'local stop',
  'tables',
  'describe',
  'get',
  'scan',
  'count',
  'export',
  'import',
  'schema',
  'schema diff',
  'schema sync',
  'index',
  'index verify',
  'index rebuild',
];

describe('hbase-mapper usage', () => {
  it('prints the help of the program, with every command, and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: hbase-mapper \[options\] \[command\]/);
    for (const command of [
      'local',
      'tables',
      'describe',
      'get',
      'scan',
      'count',
      'export',
      'import',
      'schema',
      'index',
    ]) {
      expect(result.stdout).toContain(`\n  ${command} `);
    }
  });

  it.each(COMMANDS)('prints the help of `%s` and exits 0', async (command) => {
    const result = await runCli([...command.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: hbase-mapper ${command}`);
    expect(result.stderr).toBe('');
  });

  it('shows the connection flags in the help of the commands that connect', async () => {
    const result = await runCli(['scan', '--help']);
    for (const flag of [
      '--url',
      '--host',
      '--port',
      '--transport',
      '--protocol',
      '--api',
      '--table-prefix',
      '--ca',
    ]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('prints the version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on an unknown flag, naming it', async () => {
    const result = await runCli(['scan', 'x', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--bogus'");
    expect(result.stdout).toBe('');
  });

  it('exits 2 on an unknown command', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it('exits 2 on a missing argument', async () => {
    const result = await runCli(['get', 'only-a-table']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing required argument 'row'");
  });

  it.each([
    [['scan', 't', '--limit', 'x'], '--limit'],
    [['scan', 't', '--limit', '0'], '--limit'],
    [['scan', 't', '--format', 'xml'], '--format'],
    [['scan', 't', '--transport', 'pigeon'], '--transport'],
    [['count', 't', '--progress', 'loud'], '--progress'],
    [['import', 't', 'f', '--concurrency', '1000'], '--concurrency'],
    [['local', 'status', '--key', '../etc'], '--key'],
  ])('exits 2 on a bad flag value (%j), naming %s', async (args, flag) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(flag);
  });

  it('exits 2 on a connection option the library refuses, naming the flag and nothing sent', async () => {
    const result = await runCli(['tables', '--port', 'abc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'hbase-mapper: Invalid --port: expected an integer from 1 to 65535 (a number or a string of digits), got "abc"\n',
    );
  });

  it('exits 2 on a bad environment variable, naming it', async () => {
    const result = await runCli(['tables'], { env: { HBASE_PORT: 'abc' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('HBASE_PORT');
  });

  it('exits 2 on a key not in its --key-encoding, and on --prefix with --start', async () => {
    const hex = await runCli(['get', 't', 'zz', '--key-encoding', 'hex', ...flags]);
    expect(hex.code).toBe(2);
    expect(hex.stderr).toContain('<row>: not valid hex');
    const both = await runCli(['scan', 't', '--prefix', 'a', '--start', 'b', ...flags]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--prefix');
  });

  it('exits 1 with one line and no stack when the operation fails; --verbose adds the stack', async () => {
    const table = `${uniquePrefix('cli-usage')}_missing`;
    const result = await runCli(['describe', table, ...flags]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^hbase-mapper: .*TableNotFound/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const verbose = await runCli(['describe', table, ...flags, '--verbose']);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('exits 1 when no gateway answers', async () => {
    const result = await runCli(['tables', '--host', '127.0.0.1', '--port', '1', '--timeout', '2000']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^hbase-mapper: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('takes its connection from HBASE_URL', async () => {
    const { host, port } = gateways.default();
    // A table of this test's own: a fresh HBase has none, and other suites drop theirs meanwhile.
    const tablePrefix = uniquePrefix('cli-url');
    const scratch = new Connection({ ...gateways.default(), tablePrefix });
    try {
      await scratch.createTable('t', { cf: {} });
      const result = await runCli(['tables', '--format', 'json', '--table-prefix', tablePrefix], {
        env: { HBASE_URL: `hbase://${host}:${port}` },
      });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(['t']);
    } finally {
      await dropPrefixedTables(scratch);
      await scratch.close();
    }
  });
});
