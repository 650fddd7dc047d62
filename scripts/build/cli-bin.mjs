// Makes the built CLI (package.json "bin": dist/cjs/cli/bin.js) executable. npm sets the mode of a
// bin when it installs a package, but `node dist/cjs/cli/bin.js` is not the only way it is run:
// a checkout's `./dist/cjs/cli/bin.js` and the packed tarball (npm pack keeps file modes) get it too.
// tsc keeps the source's `#!/usr/bin/env node` line; this checks it is there.
import { chmodSync, readFileSync } from 'node:fs';

const bin = 'dist/cjs/cli/bin.js';
if (!readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')) {
  throw new Error(`${bin} lost its #!/usr/bin/env node line`);
}
chmodSync(bin, 0o755);
