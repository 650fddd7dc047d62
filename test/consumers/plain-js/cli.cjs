// The command-line tool as a user meets it: `npx hbase-mapper` from the installed tarball (npm
// links package.json's "bin" into node_modules/.bin). --help, then `tables` against the gateway
// the other checks use (HBASE_THRIFT_HOST / HBASE_THRIFT_PORT, default localhost:9090).
const { spawnSync } = require('node:child_process');
const { accessSync, constants, realpathSync } = require('node:fs');
const { join } = require('node:path');

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
/** @param {string[]} args */
const run = (args) => {
  // --no-install: the local bin or a failure, never a download.
  const result = spawnSync(npx, ['--no-install', 'hbase-mapper', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return result;
};
/** @param {boolean} condition @param {string} message */
const check = (condition, message) => {
  if (!condition) {
    console.error(`cli: ${message}`);
    process.exit(1);
  }
};

// The packed bin is executable in itself (the build sets its mode), not only through npm's link.
const bin = realpathSync(join(__dirname, 'node_modules/.bin/hbase-mapper'));
accessSync(bin, constants.X_OK);

const help = run(['--help']);
check(help.status === 0, `--help exited ${help.status}: ${help.stderr}`);
check(help.stdout.startsWith('Usage: hbase-mapper'), '--help printed no usage');

const host = process.env.HBASE_THRIFT_HOST ?? 'localhost';
const port = process.env.HBASE_THRIFT_PORT ?? '9090';
const tables = run(['tables', '--format', 'json', '--host', host, '--port', port]);
check(tables.status === 0, `tables exited ${tables.status}: ${tables.stderr}`);
check(Array.isArray(JSON.parse(tables.stdout)), 'tables printed no JSON array');

const usage = run(['tables', '--bogus']);
check(usage.status === 2, `a bad flag exited ${usage.status}, not 2`);
console.log('cli: npx hbase-mapper --help, tables and a usage error behave');
