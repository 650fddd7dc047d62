// tsc does not copy the generated Thrift bindings (plain .js with .d.ts beside them) into the
// build; this copies their .js, so dist/cjs/client/thrift1/generated mirrors src/client/thrift1/generated
// at run time.
// Their .d.ts stay out of the package: no published declaration refers to them (the modules that
// use them are @internal, stripped by tsconfig.build.json), and they import the types of `thrift`,
// which users do not have.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const from = 'src/client/thrift1/generated';
const to = 'dist/cjs/client/thrift1/generated';
for (const file of readdirSync(from)) {
  if (file.endsWith('.js')) cpSync(join(from, file), join(to, file));
}
