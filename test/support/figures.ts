import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Records a line of figures (operations, faults, hung, lost, memory...) that the summary reporter
 * prints at the end of the run, and logs it with the test's own output too.
 */
export function recordFigures(name: string, line: string): void {
  const folder = join(__dirname, '../../.build/test-figures');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.txt`), `${line}\n`);
  console.log(line);
}
