import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayApi } from './gateway';

/**
 * Records a line of figures (operations, faults, hung, lost, memory...) that the summary reporter
 * prints at the end of the run, and logs it with the test's own output too.
 */
export function recordFigures(name: string, line: string): void {
  const folder = join(__dirname, '../../.build/test-figures');
  mkdirSync(folder, { recursive: true });
  // The integration-thrift2 projects run the same suites: their figures are kept apart.
  const [file, text] = gatewayApi === 'thrift2' ? [`${name}-thrift2`, `${line} [Thrift2]`] : [name, line];
  writeFileSync(join(folder, `${file}.txt`), `${text}\n`);
  console.log(text);
}
