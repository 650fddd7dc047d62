// tsc does not copy the generated Thrift bindings (plain .js with .d.ts beside them) into the
// build; this does, so dist/cjs/client/thrift mirrors src/client/thrift.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const from = 'src/client/thrift';
const to = 'dist/cjs/client/thrift';
for (const file of readdirSync(from)) {
  if (file.endsWith('.js') || file.endsWith('.d.ts')) cpSync(join(from, file), join(to, file));
}
