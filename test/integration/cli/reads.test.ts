// tables, describe, get, scan and count run as child processes against the real HBase: their
// output in each format, the scan flags, binary keys, columns and values through the output
// encoding, and count's progress lines when piped.
import type { Connection, Table } from '../../../src';
import { bytesFromJson } from '../../../src/cli/byte-encoding';
import type { RowJson } from '../../../src/cli/cell-json';
import { cliCommand, gatewayFlags, runCli, runProcess } from '../../support/cli';
import { closeScratch, gateways, openScratchTable, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix('cli-reads');
const flags = [...gatewayFlags(gateways.default()), '--table-prefix', prefix];
let connection: Connection;
let table: Table;

/** Every byte from 0 to 255: no valid UTF-8, control characters, a NUL. */
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const BINARY_KEY = Buffer.from([0xff, 0x00, 0x41, 0x80]);
const BINARY_QUALIFIER = Buffer.from([0xc3, 0x28, 0x0a]); // invalid UTF-8, then a newline

beforeAll(async () => {
  ({ connection, table } = await openScratchTable(prefix));
  await table.put('row-a', { 'cf:name': 'Ada', 'cf:city': 'Zürich 🌍' }, { timestamp: 1000 });
  await table.put('row-b', { 'cf:name': 'Bob', 'cf:tab': 'a\tb' }, { timestamp: 2000 });
  await table.put('other', { 'cf:name': 'base64:AAAA' }, { timestamp: 3000 });
  await table.put(BINARY_KEY, new Map([[Buffer.concat([Buffer.from('cf:'), BINARY_QUALIFIER]), ALL_BYTES]]));
});

afterAll(async () => {
  await closeScratch(connection);
});

const parseLines = (text: string): RowJson[] =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as RowJson);

describe('hbase-mapper reads', () => {
  it('tables lists the tables of the prefix, as text and as JSON', async () => {
    const text = await runCli(['tables', ...flags]);
    expect(text).toMatchObject({ code: 0, stdout: 't\n', stderr: '' });
    const json = await runCli(['tables', '--format', 'json', ...flags]);
    expect(JSON.parse(json.stdout)).toEqual(['t']);
  });

  it('describe shows the families with their settings and the regions', async () => {
    const text = await runCli(['describe', 't', ...flags]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^table t\nfamilies:\n {2}cf {2}maxVersions=\d+, compression=NONE/);
    expect(text.stdout).toMatch(/regions: 1\n {2}\(start\) \.\. \(end\) {2}on \S+:\d+\n$/);
    const json = await runCli(['describe', 't', '--format', 'json', ...flags]);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.families[0]).toMatchObject({ name: 'cf', compression: 'NONE' });
    expect(parsed.regions).toHaveLength(1);
    expect(parsed.regions[0]).toMatchObject({ startKey: '', endKey: '' });
  });

  it('get prints a row in the three formats', async () => {
    const table = await runCli(['get', 't', 'row-a', ...flags]);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(
      'row-a  column=cf:city, timestamp=1000, value=Zürich 🌍\nrow-a  column=cf:name, timestamp=1000, value=Ada\n',
    );
    const json = await runCli(['get', 't', 'row-a', '--format', 'json', ...flags]);
    expect(JSON.parse(json.stdout)).toEqual({
      key: 'row-a',
      cells: [
        { column: 'cf:city', value: 'Zürich 🌍', timestamp: 1000 },
        { column: 'cf:name', value: 'Ada', timestamp: 1000 },
      ],
    });
    const jsonl = await runCli(['get', 't', 'row-a', '--format', 'jsonl', '--columns', 'cf:name', ...flags]);
    expect(jsonl.stdout).toBe(
      '{"key":"row-a","cells":[{"column":"cf:name","value":"Ada","timestamp":1000}]}\n',
    );
  });

  it('get exits 1 on a missing row, without quoting the key', async () => {
    const result = await runCli(['get', 't', 'secret-key-404', ...flags]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('hbase-mapper: row not found\n');
  });

  it('get takes a binary key as base64 or hex', async () => {
    for (const [encoding, text] of [
      ['base64', BINARY_KEY.toString('base64')],
      ['hex', BINARY_KEY.toString('hex')],
    ] as const) {
      const result = await runCli([
        'get',
        't',
        text,
        '--key-encoding',
        encoding,
        '--format',
        'jsonl',
        ...flags,
      ]);
      expect(result.code).toBe(0);
      const [row] = parseLines(result.stdout);
      expect(bytesFromJson(row!.key)).toEqual(BINARY_KEY);
    }
  });

  it('scan round-trips binary keys, qualifiers and values through the JSON encoding', async () => {
    const result = await runCli(['scan', 't', '--format', 'jsonl', ...flags]);
    expect(result.code).toBe(0);
    const rows = parseLines(result.stdout);
    expect(rows.map((r) => bytesFromJson(r.key)!)).toEqual([
      Buffer.from('other'),
      Buffer.from('row-a'),
      Buffer.from('row-b'),
      BINARY_KEY,
    ]);
    const binary = rows[3]!;
    expect(binary.key).toEqual({ base64: BINARY_KEY.toString('base64') });
    expect(bytesFromJson(binary.cells[0]!.column)).toEqual(
      Buffer.concat([Buffer.from('cf:'), BINARY_QUALIFIER]),
    );
    expect(bytesFromJson(binary.cells[0]!.value)).toEqual(ALL_BYTES);
    // Valid UTF-8 stays readable text, even with a tab (JSON escapes it).
    expect(rows[2]!.cells.find((c) => c.column === 'cf:tab')!.value).toBe('a\tb');
  });

  it('scan --format table marks what is not printable text as base64:', async () => {
    const result = await runCli(['scan', 't', ...flags]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines).toContain('other  column=cf:name, timestamp=3000, value=base64:YmFzZTY0OkFBQUE=');
    expect(lines).toContain('row-b  column=cf:tab, timestamp=2000, value=base64:YQli');
    expect(result.stdout).toContain(
      `base64:${BINARY_KEY.toString('base64')}  column=base64:${Buffer.concat([Buffer.from('cf:'), BINARY_QUALIFIER]).toString('base64')}`,
    );
    expect(result.stdout.endsWith('\n4 row(s)\n')).toBe(true);
  });

  it('scan --format json writes one array', async () => {
    const result = await runCli(['scan', 't', '--format', 'json', '--limit', '2', ...flags]);
    const rows = JSON.parse(result.stdout) as RowJson[];
    expect(rows.map((r) => r.key)).toEqual(['other', 'row-a']);
    const empty = await runCli(['scan', 't', '--format', 'json', '--prefix', 'nothing', ...flags]);
    expect(JSON.parse(empty.stdout)).toEqual([]);
  });

  it.each([
    [['--prefix', 'row-'], ['row-a', 'row-b'], 'utf8'],
    [['--start', 'row-a', '--stop', 'row-b'], ['row-a'], 'utf8'],
    [['--start', 'row-b'], ['row-b', BINARY_KEY.toString('base64')], 'utf8'],
    [['--prefix', '/w=='], [BINARY_KEY.toString('base64')], 'base64'],
    [['--limit', '1'], ['other'], 'utf8'],
    [['--filter', "SingleColumnValueFilter('cf', 'name', =, 'binary:Bob', true, true)"], ['row-b'], 'utf8'],
    [['--reverse', '--limit', '2'], [BINARY_KEY.toString('base64'), 'row-b'], 'utf8'],
  ] as Array<[string[], string[], string]>)('scan %j gives the rows %j', async (args, keys, encoding) => {
    // Every row of the table gives three arguments: with fewer, jest would take the third
    // parameter for a `done` callback and wait for it.
    const result = await runCli([
      'scan',
      't',
      '--format',
      'jsonl',
      ...args,
      '--key-encoding',
      encoding,
      ...flags,
    ]);
    expect(result.code).toBe(0);
    const got = parseLines(result.stdout).map((r) => bytesFromJson(r.key)!);
    const want = keys.map((k) => (k === BINARY_KEY.toString('base64') ? BINARY_KEY : Buffer.from(k)));
    expect(got).toEqual(want);
  });

  it('scan --columns reads only those columns', async () => {
    const result = await runCli(['scan', 't', '--format', 'jsonl', '--columns', 'cf:city,cf:tab', ...flags]);
    const rows = parseLines(result.stdout);
    expect(rows.map((r) => [r.key, r.cells.map((c) => c.column)])).toEqual([
      ['row-a', ['cf:city']],
      ['row-b', ['cf:tab']],
    ]);
  });

  it('scan --versions prints each version, newest first, on Thrift2; on Thrift1 one line, exit code 1', async () => {
    const kept = await connection.createTable('versions', { cf: { maxVersions: 3 } });
    try {
      for (const timestamp of [1000, 2000, 3000]) {
        await kept.put('row', { 'cf:v': `at ${timestamp}` }, { timestamp });
      }
      const t2 = [...gatewayFlags(gateways.thrift2()), '--table-prefix', prefix];
      const json = await runCli(['scan', 'versions', '--versions', '2', '--format', 'jsonl', ...t2]);
      expect(json).toMatchObject({ code: 0, stderr: '' });
      expect(parseLines(json.stdout)).toEqual([
        {
          key: 'row',
          cells: [
            { column: 'cf:v', value: 'at 3000', timestamp: 3000 },
            { column: 'cf:v', value: 'at 2000', timestamp: 2000 },
          ],
        },
      ]);
      const table = await runCli(['scan', 'versions', '--versions', '5', ...t2]);
      expect(table.stdout).toBe(
        'row  column=cf:v, timestamp=3000, value=at 3000\n' +
          'row  column=cf:v, timestamp=2000, value=at 2000\n' +
          'row  column=cf:v, timestamp=1000, value=at 1000\n' +
          '1 row(s)\n',
      );
      // Without --versions, the latest only.
      const latest = await runCli(['scan', 'versions', '--format', 'jsonl', ...t2]);
      expect(parseLines(latest.stdout)[0]!.cells).toHaveLength(1);

      const t1 = [...gatewayFlags(gateways.thrift1()), '--table-prefix', prefix];
      const refused = await runCli(['scan', 'versions', '--versions', '2', ...t1]);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^hbase-mapper: --versions: .*needs a Thrift2 gateway.*\n$/);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
      const zero = await runCli(['scan', 'versions', '--versions', '0', ...t2]);
      expect(zero.code).toBe(2);
      expect(zero.stderr).toContain('--versions');
    } finally {
      await connection.deleteTable('versions', { disable: true });
    }
  });

  it('scan piped into a reader that leaves early (`| head`) stops and exits 0', async () => {
    // More than a pipe's buffer (64 KiB), so that the CLI writes into a closed pipe.
    const big = await connection.createTable('big', { cf: {} });
    try {
      await big.batch({ batchSize: 500 }, async (b) => {
        for (let i = 0; i < 500; i++)
          await b.put(`r${String(i).padStart(4, '0')}`, { 'cf:v': 'x'.repeat(1000) });
      });
      const [node, argv] = cliCommand(['scan', 'big', '--batch-size', '10', ...flags]);
      const quoted = [node, ...argv].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
      const result = await runProcess(
        'bash',
        ['-o', 'pipefail', '-c', `${quoted} | head -c 100 >/dev/null`],
        {
          timeout: 30_000,
        },
      );
      expect(result).toMatchObject({ code: 0, stderr: '' });
    } finally {
      await connection.deleteTable('big', { disable: true });
    }
  });

  it('count prints the number of rows; piped, its progress is plain lines on stderr', async () => {
    const result = await runCli(['count', 't', '--batch-size', '1', '--progress-interval', '0', ...flags]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('4\n');
    const lines = result.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(/^count: \d+ rows, [\d.]+ k?B, \d+ rows\/s, [\d.]+ s/);
    expect(lines.at(-1)).toMatch(/^count: 4 rows, .* \(done\)$/);
    const quiet = await runCli(['count', 't', '--prefix', 'row-', '--progress', 'none', ...flags]);
    expect(quiet).toMatchObject({ code: 0, stdout: '2\n', stderr: '' });
  });
});
