// CommonJS: `require('hbase-mapper')`. Also the entry of the esbuild bundle (dist/bundle.cjs).
const { exercise } = require('./exercise.cjs');

const runner = __filename.endsWith('bundle.cjs') ? 'esbuild' : 'require';
exercise(require('hbase-mapper'), runner).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
