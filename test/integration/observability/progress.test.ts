// onProgress on the client's long operations, against the real HBase (both APIs): scans report
// the rows and bytes read per scanner batch, batches the rows, cells and bytes sent per call (a
// batch flushed by batchSize, a send split to fit the frame size); counts only grow and end at the
// exact totals; the throttle holds reports back; a throwing callback stops the operation without
// leaving a promise pending or a scanner open; bad options are refused before anything is sent.
// Every report carries new counts, but for one final report per operation (per batch send()), and
// a batch's written bytes add up to what the call traces say.
import { tracingChannel } from 'node:diagnostics_channel';
import { CALL_CHANNEL, type CallTraceContext, Connection, type Progress, type Table } from '../../../src';
import { type BadInputCase, bad, badSync, expectRejected, uniqueCases } from '../../support/bad-input';
import { closeScratch, gateways, openScratchTable, uniquePrefix } from '../../support/gateway';
import { settlesWithin } from '../../support/settles-within';
import { TcpProxy } from '../../support/tcp-proxy';

const ROWS = 250;
const key = (i: number) => `row-${String(i).padStart(4, '0')}`;

let connection: Connection;
let table: Table;

beforeAll(async () => {
  ({ connection, table } = await openScratchTable(uniquePrefix('progress')));
  await table.batch({}, async (b) => {
    for (let i = 0; i < ROWS; i++) await b.put(key(i), { 'cf:a': `value-${i}`, 'cf:b': 'x' });
  });
});

afterAll(async () => {
  await closeScratch(connection);
});

/**
 * Every report only grows on the counts that must, and carries new ones (more calls); the last one
 * is the final one, the only one.
 */
function expectMonotonic(reports: readonly Progress[]): void {
  for (let i = 1; i < reports.length; i++) {
    const [before, after] = [reports[i - 1]!, reports[i]!];
    expect(after.calls).toBeGreaterThan(before.calls);
    expect(after.rows).toBeGreaterThanOrEqual(before.rows);
    expect(after.bytes).toBeGreaterThanOrEqual(before.bytes);
    expect(after.calls).toBeGreaterThanOrEqual(before.calls);
    expect(after.elapsedMs).toBeGreaterThanOrEqual(before.elapsedMs);
    expect(before.done).toBe(false);
    if (before.cells !== undefined) expect(after.cells).toBeGreaterThanOrEqual(before.cells);
  }
  expect(reports.at(-1)?.done).toBe(true);
}

describe('table.scan onProgress', () => {
  it('reports each scanner batch, then the exact totals once the rows run out', async () => {
    const reports: Progress[] = [];
    let rows = 0;
    for await (const _ of table.scan({
      batchSize: 40,
      onProgress: (p) => reports.push(p),
      progressInterval: 0,
    })) {
      rows++;
    }
    expect(rows).toBe(ROWS);
    expectMonotonic(reports);
    // 7 batches of rows (40 * 6 + 10), then the final report, which counts the empty batch that
    // ends the scan (not reported on its own: it brings no rows).
    expect(reports.map((r) => r.rows)).toEqual([40, 80, 120, 160, 200, 240, 250, 250]);
    expect(reports.map((r) => r.calls)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(reports.map((r) => r.done)).toEqual([...Array(7).fill(false), true]);
    const last = reports.at(-1)!;
    expect(last).toMatchObject({ operation: 'scan', rows: ROWS, calls: 8, done: true });
    // The replies carried at least every key and value.
    expect(last.bytes).toBeGreaterThan(ROWS * (key(0).length + 'value-0'.length));
    expect(last.cells).toBeUndefined();
    expect(last.partsTotal).toBeUndefined();
    expect(Object.isFrozen(last)).toBe(true);
  });

  it('ends at the limit', async () => {
    const reports: Progress[] = [];
    const rows = await table
      .scan({ batchSize: 30, limit: 100, onProgress: (p) => reports.push(p), progressInterval: 0 })
      .toArray();
    expect(rows).toHaveLength(100);
    expectMonotonic(reports);
    // The batch that reaches the limit is reported by the final report.
    expect(reports.map((r) => r.calls)).toEqual([1, 2, 3, 4]);
    expect(reports.at(-1)).toMatchObject({ rows: 100, calls: 4, done: true });
  });

  it('holds reports back for progressInterval: a quick scan only reports its end', async () => {
    const reports: Progress[] = [];
    await table
      .scan({ batchSize: 10, onProgress: (p) => reports.push(p), progressInterval: 2 ** 31 - 1 })
      .toArray();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ rows: ROWS, calls: 26, done: true });
  });

  it('each iteration reports afresh', async () => {
    const reports: Progress[] = [];
    const scan = table.scan({ rowPrefix: 'row-00', onProgress: (p) => reports.push(p) });
    await scan.toArray();
    await scan.toArray();
    expect(reports.filter((r) => r.done).map((r) => r.rows)).toEqual([100, 100]);
  });

  it('a scan left early gets no final report', async () => {
    const reports: Progress[] = [];
    for await (const _ of table.scan({
      batchSize: 50,
      onProgress: (p) => reports.push(p),
      progressInterval: 0,
    })) {
      break;
    }
    expect(reports.map((r) => r.done)).toEqual([false]);
  });

  it('a throwing callback fails the scan after the batch it reported, closing the scanner', async () => {
    const boom = new Error('stop here');
    const methods: string[] = [];
    const call = connection.call.bind(connection);
    const spy = jest.spyOn(connection, 'call').mockImplementation((method, invoke) => {
      methods.push(method);
      return call(method, invoke);
    });
    try {
      let calls = 0;
      let rows = 0;
      const run = (async () => {
        for await (const _ of table.scan({
          batchSize: 20,
          progressInterval: 0,
          onProgress: () => {
            if (++calls === 3) throw boom;
          },
        })) {
          rows++;
        }
      })();
      const settled = await settlesWithin(run, 10_000);
      expect(settled).toEqual({ status: 'rejected', reason: boom });
      expect(calls).toBe(3); // never called again
      expect(rows).toBe(40); // the rows of the first two batches
      expect(methods.filter((m) => m === 'scannerGetList')).toHaveLength(3);
      expect(methods.at(-1)).toBe('scannerClose');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('batch onProgress', () => {
  it('a batch flushed by batchSize reports each send, then done at the end of the callback form', async () => {
    const reports: Progress[] = [];
    await table.batch(
      { batchSize: 20, onProgress: (p) => reports.push(p), progressInterval: 0 },
      async (b) => {
        for (let i = 0; i < 110; i++) await b.put(`flushed-${i}`, { 'cf:a': 'v', 'cf:b': 'w' });
      },
    );
    // 110 puts of 2 cells: a send every 10 rows (20 cells), 11 sends, then the final report, which
    // repeats the counts of the last send (only then was the end known): the one exception.
    expect(reports.slice(0, -1).map((r) => r.calls)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(reports).toHaveLength(12);
    expect(reports.slice(0, 11).every((r) => r.partsSent === 1 && r.partsTotal === 1)).toBe(true);
    expect(reports.at(-1)).toMatchObject({
      operation: 'batch',
      rows: 110,
      cells: 220,
      calls: 11,
      done: true,
    });
    expect(reports.at(-1)!.bytes).toBeGreaterThan(220 * 'cf:a'.length);
    expect(await table.scan({ rowPrefix: 'flushed-' }).toArray()).toHaveLength(110);
  });

  it('a send split to fit the frame size reports each part', async () => {
    await using framed = new Connection({
      ...gateways.framed(),
      tablePrefix: connection.tablePrefix,
      maxFrameSize: 4096,
    });
    const reports: Progress[] = [];
    const big = 'x'.repeat(1000);
    const batch = framed.table('t').batch({ onProgress: (p) => reports.push(p), progressInterval: 0 });
    for (let i = 0; i < 20; i++) await batch.put(`split-${i}`, { 'cf:a': big });
    await batch.send();
    expectMonotonic(reports);
    const total = reports.at(-1)!.partsTotal!;
    // About three rows of 1 KB per 4 KB frame; the last part is the final report.
    expect(total).toBeGreaterThanOrEqual(5);
    expect(reports.map((r) => r.partsSent)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(reports.every((r) => r.partsTotal === total)).toBe(true);
    expect(reports.at(-1)).toMatchObject({ rows: 20, cells: 20, calls: total, done: true });
    expect(reports.at(-1)!.bytes).toBeGreaterThan(20 * 1000);
    expect(await framed.table('t').scan({ rowPrefix: 'split-' }).toArray()).toHaveLength(20);
  });

  it('a batch with deletes and counters counts every call of its send', async () => {
    const reports: Progress[] = [];
    await table.batch({ onProgress: (p) => reports.push(p), progressInterval: 0 }, async (b) => {
      await b.put('mixed-1', { 'cf:a': '1' });
      await b.delete('mixed-2');
      await b.put('mixed-2', { 'cf:a': '2' });
      await b.counterInc('mixed-3', 'cf:n', 5);
    });
    expectMonotonic(reports);
    const last = reports.at(-1)!;
    expect(last.partsSent).toBe(last.partsTotal);
    expect(last.calls).toBe(last.partsTotal);
    expect(last.rows).toBeGreaterThanOrEqual(3);
    expect(await table.counterGet('mixed-3', 'cf:n')).toBe(5n);
  });

  it('an empty batch reports nothing', async () => {
    const reports: Progress[] = [];
    await table.batch({ onProgress: (p) => reports.push(p) }, () => undefined);
    const batch = table.batch({ onProgress: (p) => reports.push(p) });
    await batch.send();
    expect(reports).toEqual([]);
  });

  it('a send() inside the callback form is reported once, not again by the send at its end', async () => {
    const reports: Progress[] = [];
    await table.batch({ onProgress: (p) => reports.push(p), progressInterval: 0 }, async (b) => {
      await b.put('once-1', { 'cf:a': '1' });
      await b.send();
    });
    expect(reports.map((r) => [r.rows, r.done])).toEqual([[1, true]]);
  });

  it('a send() before the end of an await using block is reported once; each send() that sent, once', async () => {
    const reports: Progress[] = [];
    {
      await using b = table.batch({ onProgress: (p) => reports.push(p), progressInterval: 0 });
      await b.put('once-2', { 'cf:a': '2' });
      await b.send();
      await b.send();
      await b.put('once-3', { 'cf:a': '3' });
      await b.send();
    }
    expect(reports.map((r) => [r.rows, r.calls, r.done])).toEqual([
      [1, 1, true],
      [2, 2, true],
    ]);
  });

  it('counts the bytes, rows and cells sent as the call traces count them', async () => {
    await using framed = new Connection({
      ...gateways.framed(),
      tablePrefix: connection.tablePrefix,
      maxFrameSize: 4096,
    });
    const traced = { rows: 0, cells: 0, bytes: 0 };
    const name = framed.table('t').nameBytes.toString('utf8');
    const channel = tracingChannel<unknown, CallTraceContext>(CALL_CHANNEL);
    const subscriber = {
      start() {},
      end() {},
      asyncStart() {},
      asyncEnd(call: CallTraceContext) {
        if (call.table !== name || (call.method !== 'mutateRows' && call.method !== 'incrementRows')) return;
        traced.rows += call.rows ?? 0;
        traced.cells += call.cells ?? 0;
        traced.bytes += call.bytes ?? 0;
      },
      error() {},
    };
    channel.subscribe(subscriber);
    const reports: Progress[] = [];
    try {
      await framed.table('t').batch({ onProgress: (p) => reports.push(p), batchSize: 30 }, async (b) => {
        for (let i = 0; i < 12; i++) await b.put(`traced-${i}`, { 'cf:a': 'w'.repeat(700), 'cf:b': 'v' });
        await b.delete('traced-0', { columns: ['cf:b'] });
        await b.delete('traced-1');
        await b.put('traced-1', { 'cf:a': 'again' });
        await b.counterInc('traced-counter', 'cf:n', 3);
        await b.counterInc('traced-counter', 'cf:m', 4);
      });
    } finally {
      channel.unsubscribe(subscriber);
    }
    const last = reports.at(-1)!;
    expect(last.done).toBe(true);
    // 11 rows keep their 700 bytes (a row delete dropped one).
    expect(traced.bytes).toBeGreaterThan(11 * 700);
    expect({ rows: last.rows, cells: last.cells, bytes: last.bytes }).toEqual(traced);
  });

  it('a throwing callback stops the batch after the send it reported: later parts are not sent', async () => {
    const boom = new Error('enough');
    let calls = 0;
    const run = table.batch(
      {
        batchSize: 10,
        progressInterval: 0,
        onProgress: () => {
          if (++calls === 3) throw boom;
        },
      },
      async (b) => {
        for (let i = 0; i < 100; i++) await b.put(`stopped-${String(i).padStart(3, '0')}`, { 'cf:a': 'v' });
      },
    );
    expect(await settlesWithin(run, 10_000)).toEqual({ status: 'rejected', reason: boom });
    expect(calls).toBe(3);
    // Three sends of 10 rows went out; the put that triggered the third rejected, ending the callback.
    expect(await table.scan({ rowPrefix: 'stopped-' }).toArray()).toHaveLength(30);
  });

  it('a throwing callback on a split send leaves the parts after it unsent', async () => {
    await using framed = new Connection({
      ...gateways.framed(),
      tablePrefix: connection.tablePrefix,
      maxFrameSize: 4096,
    });
    const boom = new Error('halt');
    let rowsSent = 0;
    const batch = framed.table('t').batch({
      progressInterval: 0,
      onProgress: (p) => {
        rowsSent = p.rows;
        if (p.partsSent === 2) throw boom;
      },
    });
    const big = 'y'.repeat(1000);
    for (let i = 0; i < 20; i++) await batch.put(`halted-${String(i).padStart(2, '0')}`, { 'cf:a': big });
    expect(await settlesWithin(batch.send(), 10_000)).toEqual({ status: 'rejected', reason: boom });
    expect(rowsSent).toBeGreaterThan(0);
    expect(rowsSent).toBeLessThan(20);
    expect(await framed.table('t').scan({ rowPrefix: 'halted-' }).toArray()).toHaveLength(rowsSent);
  });
});

describe('progress options', () => {
  let proxy: TcpProxy;
  let proxied: Connection;

  beforeAll(async () => {
    proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
    proxied = new Connection({
      ...gateways.default(),
      host: '127.0.0.1',
      port: proxy.port,
      tablePrefix: connection.tablePrefix,
    });
  });

  afterAll(async () => {
    await proxied.close();
    await proxy.close();
  });

  const cases: BadInputCase[] = uniqueCases([
    badSync('scan: onProgress not a function', 'options.onProgress', () =>
      proxied.table('t').scan({ onProgress: 'log' as never }),
    ),
    badSync('scan: negative progressInterval', 'options.progressInterval', () =>
      proxied.table('t').scan({ onProgress: () => undefined, progressInterval: -1 }),
    ),
    badSync('scan: progressInterval without onProgress', 'options.progressInterval', () =>
      proxied.table('t').scan({ progressInterval: 10 }),
    ),
    badSync('batch: onProgress not a function', 'options.onProgress', () =>
      proxied.table('t').batch({ onProgress: {} as never }),
    ),
    bad('batch callback form: onProgress not a function', 'options.onProgress', () =>
      proxied.table('t').batch({ onProgress: 42 as never }, () => undefined),
    ),
    badSync('batch: fractional progressInterval', 'options.progressInterval', () =>
      proxied.table('t').batch({ onProgress: () => undefined, progressInterval: 1.5 }),
    ),
  ]);

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await expectRejected(c, () => proxy.bytesFromClients);
  });
});
