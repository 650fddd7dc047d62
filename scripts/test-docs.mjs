#!/usr/bin/env node
// `npm run test:docs`: runs every code block of README.md and docs/**/*.md against a real HBase,
// importing the BUILT package by the names users write ('hbase-mapper', 'hbase-mapper/nest').
// The rules a docs author needs are in CONTRIBUTING.md ("Code blocks in the docs").
//
//   node scripts/test-docs.mjs [file.md ...] [--verbose]
//
// Steps: read the sections (scripts/docs/markdown-blocks.mjs), write one program per section and
// language under .build/docs/ (inside this package, so the package's exports map resolves its own
// name to dist/), compile and strictly type-check the TypeScript ones (scripts/docs/programs.mjs),
// then run each as an ES module in its own Node.js process, with a timeout and a table namespace
// of its own, and drop what it left behind. The programs of docs/guides/secure-clusters.md run
// against the Kerberized instance, with tickets (scripts/docs/secure-docs.mjs).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readSections } from './docs/markdown-blocks.mjs';
import { compilePrograms, typeCheckPrograms, writePrograms } from './docs/programs.mjs';
import { ensureSecureDocs, SECURE_DOCS } from './docs/secure-docs.mjs';
import { ensureHBase, stopHBase } from './hbase/ensure.mjs';

const SECTION_TIMEOUT_MS = Number(process.env.DOCS_SECTION_TIMEOUT_MS ?? 60_000);
const OUT_DIR = '.build/docs';
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const files = args.filter((a) => !a.startsWith('--'));

if (!existsSync('dist/esm/index.mjs') || !existsSync('dist/esm/nest/index.mjs')) {
  console.error('dist/ is missing: run `npm run build` first (`npm run test:docs` does)');
  process.exit(2);
}

const markdownFiles = files.length > 0 ? files : ['README.md', ...findMarkdown('docs')];
const problems = [];
const sections = [];
for (const file of markdownFiles) {
  const found = readSections(file, readFileSync(file, 'utf8'));
  sections.push(...found.sections);
  problems.push(...found.errors);
}

rmSync(OUT_DIR, { recursive: true, force: true });
const programs = writePrograms(sections, OUT_DIR);
/** `file:line (heading)`: where a message points, in the Markdown file. */
const where = (program, line) =>
  `${program.section.file}:${line || program.section.line} (${program.section.heading})`;
problems.push(...compilePrograms(programs, where));
const typeErrors = typeCheckPrograms(programs, where);
problems.push(...typeErrors);
console.log(
  `type-checked ${programs.filter((p) => p.kind === 'ts').length} TypeScript programs (strict, against dist/): ` +
    `${typeErrors.length} error(s)`,
);

// docs/guides/thrift2.md runs against the Thrift2 gateway.
const { startedByUs } = await ensureHBase({ gateways: ['default', 'thrift2'] });
const { Connection } = await import('hbase-mapper');
const admin = new Connection({
  host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
  port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
});
// docs/guides/secure-clusters.md runs against the Kerberized instance (scripts/docs/secure-docs.mjs).
const isSecure = (program) =>
  SECURE_DOCS.has(relative('.', resolve(program.section.file)).split('\\').join('/'));
let secure;
let secureAdmin;
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
let ranBlocks = 0;
try {
  if (programs.some(isSecure)) {
    secure = await ensureSecureDocs({ log: (message) => console.log(`[hbase] ${message}`) });
    secureAdmin = new Connection(secure.adminOptions);
  }
  for (const [index, program] of programs.entries()) {
    const label = `${program.section.file} ${program.section.heading} [${program.kind}${program.experimentalDecorators ? ', experimentalDecorators' : ''}]`;
    const namespace = `docs-${runId}-${index}`; // no `_`: a prefix may not contain its separator
    const [hbase, env] = isSecure(program) ? [secureAdmin, secure.env] : [admin, {}];
    const before = new Set(await hbase.tables());
    const result = await runProgram(program, namespace, env);
    const leftovers = await dropLeftovers(hbase, program, namespace, before);
    ranBlocks += program.blocks.length;
    if (result.ok && leftovers.length === 0) {
      console.log(`ok   ${label} (${program.blocks.length} block(s), ${result.ms} ms)`);
      if (verbose && result.output.trim()) console.log(indent(result.output));
      continue;
    }
    console.log(`FAIL ${label}`);
    const firstLine = program.blocks[0].firstCodeLine;
    if (!result.ok)
      problems.push(
        `${where(program, result.line ?? firstLine)}: ${result.reason}\n${indent(result.output)}`,
      );
    if (leftovers.length > 0) {
      problems.push(
        `${where(program, firstLine)}: left table(s) ${leftovers.join(', ')} behind, outside its namespace ` +
          '(drop what a section creates; the runner dropped them)',
      );
    }
  }
} finally {
  await admin.close();
  await secureAdmin?.close();
  await secure?.stop();
  if (startedByUs) await stopHBase();
}

report();
process.exit(problems.length > 0 ? 1 : 0);

function report() {
  const all = sections.flatMap((section) => section.blocks);
  const skipped = all.filter((block) => block.skipReason);
  const shown = all.filter((block) => !block.kind);
  console.log(
    `\nran ${ranBlocks} code block(s) as ${programs.length} program(s) from ${markdownFiles.length} file(s)`,
  );
  if (skipped.length > 0) {
    console.log(`skipped ${skipped.length} block(s) marked norun:`);
    for (const block of skipped)
      console.log(`  ${block.file}:${block.line} (${block.language}): ${block.skipReason}`);
  }
  if (shown.length > 0) {
    console.log(`not run: ${shown.length} block(s) of languages that are only shown:`);
    for (const file of new Set(shown.map((block) => block.file))) {
      const lines = shown
        .filter((block) => block.file === file)
        .map((block) => `${block.line} (${block.language})`);
      console.log(`  ${file}: lines ${lines.join(', ')}`);
    }
  }
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):`);
    for (const problem of problems) console.log(`- ${problem}`);
  }
}

/**
 * Runs one program in its own Node.js process. Stack traces name the Markdown file and line:
 * the program's own path is replaced by the Markdown file's, and its lines are the file's lines.
 * @returns {Promise<{ ok: boolean, ms: number, output: string, reason?: string, line?: number }>}
 */
function runProgram(program, namespace, env) {
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['--enable-source-maps', program.runnable], {
      env: { ...process.env, ...env, HBASE_TABLE_PREFIX: namespace },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, SECTION_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Only the source's lines are the Markdown file's: a compiled .mjs (whose lines differ,
      // e.g. where `await using` was lowered) keeps its own path in the output.
      const source = new RegExp(`(file://)?${escapeRegExp(resolve(program.source))}`, 'g');
      const text = output.replace(source, program.section.file);
      const line = new RegExp(`${escapeRegExp(program.section.file)}:(\\d+)`).exec(text)?.[1];
      const ms = Date.now() - started;
      if (code === 0) resolvePromise({ ok: true, ms, output: text });
      else {
        const reason = timedOut
          ? `did not finish within ${SECTION_TIMEOUT_MS} ms (an unclosed connection or pool keeps Node.js running)`
          : `exited with ${signal ?? `code ${code}`}`;
        resolvePromise({ ok: false, ms, output: text, reason, line: line && Number(line) });
      }
    });
  });
}

/**
 * Drops the tables a program left on the HBase `admin` connects to (the one it ran against):
 * everything in its namespace (HBASE_TABLE_PREFIX), and tables that appeared while it ran under a
 * name its code spells out — a quoted name, or a quoted table prefix, `_` and a quoted name (a
 * snippet with a table prefix of its own is outside the namespace). Returns the latter: leaving them is the section's fault. Nothing else is touched:
 * other processes (test suites) may be creating tables on the same HBase meanwhile.
 */
async function dropLeftovers(admin, program, namespace, before) {
  const code = program.blocks.map((block) => block.lines.join('\n')).join('\n');
  const quoted = new Set([...code.matchAll(/(['"`])([\w.:-]+)\1/g)].map((match) => match[2]));
  const named = (table) =>
    quoted.has(table) ||
    [...quoted].some(
      (prefix) => quoted.has(table.slice(prefix.length + 1)) && table.startsWith(`${prefix}_`),
    );
  const outside = [];
  for (const table of await admin.tables()) {
    if (before.has(table)) continue;
    const inNamespace = table.startsWith(`${namespace}_`) || table.includes(`:${namespace}_`);
    if (!inNamespace && !named(table)) continue;
    if (!inNamespace) outside.push(table);
    await admin.deleteTable(table, { disable: true });
  }
  return outside;
}

/** README.md's siblings under docs/, except the generated API reference. */
function findMarkdown(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => relative('.', join(entry.parentPath ?? entry.path, entry.name)))
    .filter((file) => !file.startsWith(join(dir, 'api')))
    .sort();
}

/** Indents a program's output under its problem, cut to its first 30 lines (a Java stack trace is long). */
function indent(text) {
  const lines = text.trimEnd().split('\n');
  const shown = lines.length > 30 ? [...lines.slice(0, 30), `... (${lines.length - 30} more lines)`] : lines;
  return shown.map((line) => `    ${line}`).join('\n');
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
