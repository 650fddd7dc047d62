// `hbase-mapper local start|status|stop` as child processes: one real instance (on free ports,
// under a key of this run: the shared HBase and other runs are never touched), found by status and
// by a `tables --url`, then stopped. Each command is bounded in time; the instance is stopped in
// afterAll whatever happened.
import { LocalHBase } from '../../../src/testing';
import { runCli } from '../../support/cli';

jest.setTimeout(240_000);

const key = `cli-jest-${process.pid}`;

afterAll(async () => {
  await LocalHBase.stopReused(key);
});

describe('hbase-mapper local', () => {
  it('status exits 1 while none runs under the key', async () => {
    const result = await runCli(['local', 'status', '--key', key]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`hbase-mapper: no local HBase running under the key ${key}\n`);
  });

  it('start prints the URL, status finds it, tables connects to it, stop stops it', async () => {
    const started = await runCli(['local', 'start', '--key', key, '--gateways', 'thrift1'], {
      timeout: 200_000,
    });
    expect(started.code).toBe(0);
    const match = /^thrift1\t(hbase:\/\/127\.0\.0\.1:\d+\?api=thrift1)\n$/.exec(started.stdout);
    expect(match).not.toBeNull();
    const url = match![1]!;
    expect(started.stderr).toMatch(/^local: /m);

    const status = await runCli(['local', 'status', '--key', key]);
    expect(status).toMatchObject({ code: 0, stdout: `thrift1\t${url}\n` });

    // A second start finds it (the kit's reuse) instead of starting another.
    const again = await runCli(['local', 'start', '--key', key], { timeout: 60_000 });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`thrift1\t${url}\n`);
    expect(again.stderr).toContain(`already running (key ${key})`);

    const tables = await runCli(['tables', '--url', url, '--format', 'json']);
    expect(tables).toMatchObject({ code: 0, stdout: '[]\n' });

    const stopped = await runCli(['local', 'stop', '--key', key], { timeout: 60_000 });
    expect(stopped).toMatchObject({ code: 0, stderr: `local: stopped (key ${key})\n` });
    expect((await runCli(['local', 'status', '--key', key])).code).toBe(1);
    const idle = await runCli(['local', 'stop', '--key', key]);
    expect(idle).toMatchObject({ code: 0, stderr: 'local: none was running\n' });
  });
});
