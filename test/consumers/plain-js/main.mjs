// An ES module: `import` of the package, with top-level await.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as lib from 'hbase-mapper';
import { Connection } from 'hbase-mapper';
import exercisesModule from './exercise.cjs';

// `import` and `require` give the same classes: one copy of the library, whichever way it is loaded.
const required = createRequire(import.meta.url)('hbase-mapper');
assert.equal(Connection, required.Connection);
assert.equal(lib.InvalidArgumentError, required.InvalidArgumentError);

await exercisesModule.exercise(lib, 'import');
