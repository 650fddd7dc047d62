#!/usr/bin/env node
/**
 * The `hbase-mapper` command (package.json `bin`): `npx hbase-mapper --help`.
 *
 * @packageDocumentation
 * @internal
 */
import { run } from './run';

run(process.argv.slice(2)).then(
  (code) => {
    // exitCode, not exit(): stdout, possibly a pipe, is flushed before the process ends.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hbase-mapper: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
