import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * @internal The version in our package.json, found by walking up from this file: it sits at
 * `src/cli/` in the sources and at `dist/cjs/cli/` in the build.
 */
export function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'hbase-mapper' && pkg.version) return pkg.version;
    } catch {
      // No package.json here: one level up.
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
