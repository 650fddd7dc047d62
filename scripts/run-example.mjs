#!/usr/bin/env node
// Runs one example from examples/ against a local HBase: compiles the examples against the built
// package, makes sure a gateway answers (starting the project's HBase if none does), runs the
// example, and stops HBase again if it was started here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureHBase, stopHBase } from './hbase/ensure.mjs';

const name = process.argv[2];
if (!name || !existsSync(join('examples', `${name}.ts`))) {
  console.error(`usage: node scripts/run-example.mjs <name>   (one of examples/*.ts)`);
  process.exit(2);
}
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'examples/tsconfig.json'], { stdio: 'inherit' });

const { startedByUs } = await ensureHBase({ gateways: ['default'] });
let status = 1;
try {
  status =
    spawnSync(process.execPath, [join('.build/examples', `${name}.js`)], { stdio: 'inherit' }).status ?? 1;
} finally {
  if (startedByUs) {
    console.log(
      'stopping the local HBase started for this example (keep one running with `npm run hbase:start`)',
    );
    await stopHBase();
  }
}
process.exit(status);
