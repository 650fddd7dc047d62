// Turns the sections of the docs into programs on disk, compiles the TypeScript ones and
// type-checks them. Every program keeps each block at the line it has in the Markdown file (the
// lines between blocks are left blank), so a line number in a compiler message or a stack trace
// is the line in the Markdown file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const ts = createRequire(import.meta.url)('typescript');

/**
 * @typedef {import('./markdown-blocks.mjs').Section} Section
 * @typedef {import('./markdown-blocks.mjs').Block} Block
 *
 * @typedef {object} Program
 * @property {Section} section
 * @property {'ts' | 'js'} kind
 * @property {Block[]} blocks
 * @property {boolean} experimentalDecorators
 * @property {string} source   path of the source as written (.mts or .mjs)
 * @property {string} runnable path of the ES module to run (.mjs)
 */

/** A section's code uses NestJS when it imports it (or our NestJS entry). */
const USES_NEST = /from\s+['"](@nestjs\/[^'"]+|hbase-mapper\/nest)['"]/;

/**
 * Writes one program per section and language under `outDir` (which must lie inside this
 * package, so that `import 'hbase-mapper'` resolves to the built package through its exports).
 * @param {Section[]} sections
 * @param {string} outDir
 * @returns {Program[]}
 */
export function writePrograms(sections, outDir) {
  const programs = [];
  for (const section of sections) {
    for (const kind of /** @type {const} */ (['ts', 'js'])) {
      const blocks = section.blocks.filter((block) => block.kind === kind && !block.skipReason);
      if (blocks.length === 0) continue;
      const lines = [];
      for (const block of blocks) {
        while (lines.length < block.firstCodeLine - 1) lines.push('');
        lines.push(...block.lines);
      }
      const text = `${lines.join('\n')}\n`;
      const experimentalDecorators =
        kind === 'ts' &&
        blocks.some((block) => block.experimentalDecorators || USES_NEST.test(block.lines.join('\n')));
      const dir = join(outDir, section.file.replaceAll('/', '__'));
      mkdirSync(dir, { recursive: true });
      const base = join(dir, `L${section.line}-${kind}`);
      const source = `${base}.${kind === 'ts' ? 'mts' : 'mjs'}`;
      writeFileSync(source, text);
      programs.push({ section, kind, blocks, experimentalDecorators, source, runnable: `${base}.mjs` });
    }
  }
  return programs;
}

/** Compiler options shared by compiling and type-checking. */
function compilerOptions(experimentalDecorators) {
  return {
    target: ts.ScriptTarget.ES2022, // Node 20 has no `await using`: TypeScript lowers it
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    experimentalDecorators,
    emitDecoratorMetadata: experimentalDecorators,
  };
}

/**
 * Compiles each TypeScript program to an ES module with an inline source map (so stack traces
 * name the Markdown line). Syntax errors are returned, not thrown.
 * @param {Program[]} programs
 * @param {(program: Program, line: number) => string} where
 * @returns {string[]} errors
 */
export function compilePrograms(programs, where) {
  const errors = [];
  for (const program of programs.filter((p) => p.kind === 'ts')) {
    const text = ts.sys.readFile(program.source);
    const output = ts.transpileModule(text, {
      fileName: program.source,
      reportDiagnostics: true,
      compilerOptions: {
        ...compilerOptions(program.experimentalDecorators),
        inlineSourceMap: true,
        inlineSources: true,
      },
    });
    for (const diagnostic of output.diagnostics ?? [])
      errors.push(formatDiagnostic(diagnostic, program, where));
    writeFileSync(program.runnable, output.outputText);
  }
  return errors;
}

/**
 * Type-checks the TypeScript programs strictly against the built package's declarations (the
 * import paths a user writes, resolved through package.json's exports), in one compiler program
 * per decorator mode. Library declarations are not checked here (`skipLibCheck`): whether they
 * compile for consumers is the consumer projects' test.
 * @param {Program[]} programs
 * @param {(program: Program, line: number) => string} where
 * @returns {string[]} errors
 */
export function typeCheckPrograms(programs, where) {
  const errors = [];
  for (const experimentalDecorators of [false, true]) {
    const group = programs.filter(
      (p) => p.kind === 'ts' && p.experimentalDecorators === experimentalDecorators,
    );
    if (group.length === 0) continue;
    const checker = ts.createProgram(
      group.map((p) => p.source),
      {
        ...compilerOptions(experimentalDecorators),
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts'],
        types: ['node'],
      },
    );
    const bySource = new Map(group.map((p) => [relative('.', p.source), p]));
    for (const diagnostic of ts.getPreEmitDiagnostics(checker)) {
      const program = diagnostic.file && bySource.get(relative('.', diagnostic.file.fileName));
      errors.push(
        program
          ? formatDiagnostic(diagnostic, program, where)
          : ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
      );
    }
  }
  return errors;
}

function formatDiagnostic(diagnostic, program, where) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n    ');
  if (!diagnostic.file || diagnostic.start === undefined)
    return `${where(program, 0)}: TS${diagnostic.code}: ${message}`;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${where(program, line + 1)}: TS${diagnostic.code}: ${message}`;
}
