// Preloaded into a benchmark runner (node bench/ab.mjs snapshot <dir> --preload=bench/trace-subscriber.cjs):
// the smallest useful subscriber of hbase-mapper's tracing channels. It counts the operations and
// keeps one field of each context, so that the contexts are really built and read; what it costs
// is what tracing itself costs, before any exporter.
const { tracingChannel } = require('node:diagnostics_channel');

let completed = 0;
let lastMethod = '';
for (const name of ['hbase-mapper:call', 'hbase-mapper:repository']) {
  tracingChannel(name).subscribe({
    start(context) {
      lastMethod = context.method ?? context.operation;
    },
    end() {},
    asyncStart() {},
    asyncEnd() {
      completed++;
    },
    error() {},
  });
}
process.on('exit', () => {
  if (completed === 0) console.error(`trace-subscriber: nothing traced (last: ${lastMethod})`);
});
