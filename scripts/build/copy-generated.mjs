// tsc does not copy the generated Thrift bindings (plain .js with .d.ts beside them) into the
// build; this copies their .js, so dist/cjs/client/<api>/generated mirrors src/client/<api>/generated
// at run time, for each gateway API (thrift1, thrift2) whose own code the build holds: bindings
// nothing loads yet stay out of the package.
// Their .d.ts stay out of the package: no published declaration refers to them (the modules that
// use them are @internal, stripped by tsconfig.build.json), and they import the types of `thrift`,
// which users do not have.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

for (const api of ['thrift1', 'thrift2']) {
  const from = join('src/client', api, 'generated');
  const built = join('dist/cjs/client', api);
  if (!existsSync(from) || !existsSync(built)) continue;
  const to = join(built, 'generated');
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from)) {
    if (file.endsWith('.js')) cpSync(join(from, file), join(to, file));
  }
}
