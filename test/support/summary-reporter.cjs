// Closes a run with the figures suites recorded (soak, scan memory: see test/support/figures.ts)
// and one plain line, "jest: N passed, N failed[, N skipped]", so that the totals are the last
// thing a reader (or CI) sees, without parsing Jest's own summary.
const { mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const FIGURES = join(__dirname, '../../.build/test-figures');

class SummaryReporter {
  onRunStart() {
    rmSync(FIGURES, { recursive: true, force: true });
    mkdirSync(FIGURES, { recursive: true });
  }

  onRunComplete(_contexts, results) {
    const files = readdirSync(FIGURES, { withFileTypes: true }).filter((f) => f.isFile());
    if (files.length > 0) {
      process.stdout.write('\nFigures:\n');
      for (const file of files.sort((a, b) => a.name.localeCompare(b.name))) {
        process.stdout.write(`  ${readFileSync(join(FIGURES, file.name), 'utf8').trim()}\n`);
      }
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    process.stdout.write(
      `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${tail}\n`,
    );
  }
}

module.exports = SummaryReporter;
