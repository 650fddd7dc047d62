#!/usr/bin/env node
// Proves the published package works in users' projects: packs it (`prepack` builds), lints the
// tarball (publint, Are the Types Wrong), checks that its source maps resolve, then installs the
// tarball into each project of test/consumers/ (copied to a temporary directory, with the project's
// own devDependencies from the registry), type-checks the project strictly and runs it against the
// Thrift1 gateway at HBASE_THRIFT_HOST:HBASE_THRIFT_PORT (default localhost:9090). When no gateway
// answers there, the project's local HBase is started (and stopped at the end), as
// scripts/run-example.mjs does.
//
// Usage: node scripts/test-consumers.mjs [project ...]   (default: every project)
// The installs share the user's npm cache and prefer it (`--prefer-offline`): with a warm cache
// nothing but the registry's metadata of missing packages is fetched. Set KEEP_CONSUMERS=1 to keep
// the temporary directory.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHBase, stopHBase } from './hbase/ensure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npmCommand = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const consumersDir = join(root, 'test/consumers');
const available = readdirSync(consumersDir).filter((name) =>
  existsSync(join(consumersDir, name, 'package.json')),
);
const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!available.includes(name)) fail(`no consumer project "${name}" (one of: ${available.join(', ')})`);
}
const projects = wanted.length > 0 ? wanted : available;

const started = Date.now();
const timings = [];
const work = mkdtempSync(join(tmpdir(), 'hbase-mapper-consumers-'));
let ok = false;
let startedHBase = false;
try {
  const tarball = await timed('pack (prepack builds)', () => pack());
  await timed('publint', () => lintPackage(tarball));
  await timed('Are the Types Wrong', () =>
    // --no-definitely-typed: the package ships its own types, there is no @types package to compare.
    run(process.execPath, [bin('@arethetypeswrong/cli', 'attw'), tarball, '--no-definitely-typed'], root),
  );
  const unpacked = await timed('unpack', () => unpack(tarball));
  await timed('source maps and sideEffects resolve', () => checkPackagedPaths(unpacked));

  const gateway = await timed('gateway', () => ensureHBase({ gateways: ['default'] }));
  startedHBase = gateway.startedByUs;

  for (const name of projects) {
    const dir = join(work, name);
    cpSync(join(consumersDir, name), dir, {
      recursive: true,
      filter: (path) => !/[\\/](node_modules|dist)$/.test(path),
    });
    await timed(`${name}: install`, () =>
      npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], dir),
    );
    await timed(`${name}: type-check`, () => npm(['run', 'typecheck'], dir));
    await timed(`${name}: run`, () => npm(['test'], dir));
  }
  ok = true;
} finally {
  if (startedHBase) {
    console.log('stopping the local HBase started for the consumer projects');
    await stopHBase();
  }
  console.log(`\n== summary (${seconds(Date.now() - started)})`);
  for (const [label, ms] of timings) console.log(`  ${seconds(ms).padStart(7)}  ${label}`);
  if (ok || !process.env.KEEP_CONSUMERS) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
console.log(`consumer projects passed: ${projects.join(', ')}`);

/** Packs the library into the work directory; `prepack` builds it first. */
function pack() {
  const output = run(npmCommand, ['pack', '--json', '--pack-destination', work], root, { capture: true });
  const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
  return join(work, filename);
}

/** publint on the tarball, at its strictest: any message, even a suggestion, fails. */
async function lintPackage(tarball) {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const bytes = readFileSync(tarball);
  const tarballBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({
    pack: { tarball: tarballBuffer },
    level: 'suggestion',
    strict: true,
  });
  for (const message of messages) console.log(`  ${message.type}: ${formatMessage(message, pkg)}`);
  if (messages.length > 0) throw new Error(`publint: ${messages.length} problem(s)`);
  console.log('  publint: no problems');
}

function unpack(tarball) {
  const dir = join(work, 'unpacked');
  run('tar', ['-xzf', tarball, '-C', work], root);
  cpSync(join(work, 'package'), dir, { recursive: true });
  rmSync(join(work, 'package'), { recursive: true });
  return dir;
}

/**
 * Every source map in the package points at files the package contains (the .ts sources and the
 * .d.ts they map), and every `sideEffects` entry names a file that exists (a renamed module would
 * otherwise silently lose its flag). The entries are the modules that change global state when
 * loaded: decorators/decorator-support (defines `Symbol.metadata`, which standard decorators need)
 * and decorators/metadata-store (the entity registry on `globalThis`). Every other module only
 * defines what it exports, so a bundler may drop it when nothing of it is used.
 */
function checkPackagedPaths(dir) {
  const missing = [];
  let maps = 0;
  for (const file of walk(dir).filter((path) => path.endsWith('.map'))) {
    maps++;
    const map = JSON.parse(readFileSync(file, 'utf8'));
    for (const source of map.sources) {
      const target = resolve(dirname(file), map.sourceRoot ?? '', source);
      if (!existsSync(target)) missing.push(`${relative(dir, file)} -> ${source}`);
    }
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const entry of manifest.sideEffects ?? []) {
    if (!existsSync(join(dir, entry))) missing.push(`sideEffects -> ${entry}`);
  }
  if (missing.length > 0)
    throw new Error(`paths that do not resolve in the package:\n  ${missing.join('\n  ')}`);
  if (maps === 0) throw new Error('no source maps in the package');
  console.log(`  ${maps} source maps and ${manifest.sideEffects?.length ?? 0} sideEffects entries resolve`);
}

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function npm(args, cwd) {
  return run(npmCommand, args, cwd);
}

function bin(pkg, name) {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8'));
  const path = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin[name];
  return join(root, 'node_modules', pkg, path);
}

function run(command, args, cwd, { capture = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    shell: process.platform === 'win32',
    env: {
      ...process.env,
      HBASE_THRIFT_HOST: process.env.HBASE_THRIFT_HOST ?? 'localhost',
      HBASE_THRIFT_PORT: process.env.HBASE_THRIFT_PORT ?? '9090',
    },
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${relative(root, cwd) || '.'}) exited ${result.status}`,
    );
  }
  return result.stdout;
}

async function timed(label, fn) {
  console.log(`\n== ${label}`);
  const t0 = Date.now();
  const value = await fn();
  timings.push([label, Date.now() - t0]);
  return value;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}
