// A long scan runs in bounded memory: rows are fetched a batch at a time and not retained.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Connection } from '../../src';
import { recordFigures } from '../support/figures';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

const ROWS = Number(process.env.SCAN_MEMORY_ROWS ?? 40_000);
const VALUE_BYTES = 2048;

// Live memory, not garbage awaiting collection, is what a leak or a buffered scan would grow:
// collect before each sample.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

it(`scans ${ROWS} rows of ${VALUE_BYTES} bytes in bounded memory`, async () => {
  const connection = new Connection({ ...gateways.default(), tablePrefix: uniquePrefix('scanmem') });
  try {
    const table = await connection.createTable('big', { cf: {} });
    const value = Buffer.alloc(VALUE_BYTES, 0x61);
    await table.batch({ batchSize: 2000 }, async (b) => {
      for (let i = 0; i < ROWS; i++) await b.put(`row-${String(i).padStart(8, '0')}`, { 'cf:v': value });
    });
    const dataBytes = ROWS * VALUE_BYTES;

    // Buffers' memory is released by V8's sweeper shortly after a collection: collect, let it
    // run, collect again, then measure.
    const used = async () => {
      collectGarbage();
      await new Promise((resolve) => setImmediate(resolve));
      collectGarbage();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    // The writes above leave hundreds of MiB of buffers for the sweeper: measure the baseline only
    // once live memory has stopped falling, or a late release would hide growth during the scan.
    let baseline = await used();
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const next = await used();
      if (Math.abs(next - baseline) < 2 ** 20) break;
      baseline = next;
    }
    let peak = 0;
    const samples: number[] = [];
    let rows = 0;
    let bytes = 0;
    for await (const [, data] of table.scan({ batchSize: 500 })) {
      rows++;
      bytes += data['cf:v']?.length ?? 0;
      if (rows % 2500 === 0) {
        const growth = (await used()) - baseline;
        samples.push(Math.round(growth / 2 ** 20));
        peak = Math.max(peak, growth);
      }
    }
    const after = (await used()) - baseline;
    const mb = (n: number) => (n / 2 ** 20).toFixed(1);
    recordFigures(
      'scan-memory',
      `scan memory: ${rows} rows, ${mb(dataBytes)} MiB of values, peak live growth ${mb(peak)} MiB (samples in MiB: ${samples.join(', ')}), ${mb(after)} MiB after`,
    );
    expect(rows).toBe(ROWS);
    expect(bytes).toBe(dataBytes);
    // Holding the scan in memory would need at least the data itself. What is live at a time is
    // one batch (500 rows, ~1 MiB) with its reply buffers; nothing stays once the scan is over.
    expect(peak).toBeLessThan(dataBytes / 8);
    expect(after).toBeLessThan(4 * 2 ** 20);
    // And the measurement itself is sound: a baseline inflated by unreleased garbage would make
    // every sample negative and the bound above meaningless.
    expect(after).toBeGreaterThan(-16 * 2 ** 20);
  } finally {
    await dropPrefixedTables(connection);
    await connection.close();
  }
}, 300_000);
