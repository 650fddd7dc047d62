// `node -r ./test/support/ts-register-cached.cjs script.ts`: like ts-register.cjs (each file
// transpiled on its own, no type check), with the output cached on disk by the hash of the source,
// so that the tests that run a program many times as a child process (the CLI's) do not load
// TypeScript and transpile the whole client at every start (~2 s each; ~0.3 s from the cache).
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const cacheDir = path.join(os.tmpdir(), 'hbase-mapper-ts-register-cache');
let ts;

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  // The module kind is part of the key: outputs cached under another one are not reused.
  const hash = crypto
    .createHash('sha1')
    .update('node16\0')
    .update(filename)
    .update('\0')
    .update(source)
    .digest('hex');
  const cached = path.join(cacheDir, `${hash}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    ts ??= require('typescript');
    output = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        // Node16 (CommonJS output, as for this package's "type"), as the build: it keeps a
        // dynamic import() as is, which CommonJS would turn into require (the CLI's entity loader
        // imports ES modules with it).
        module: ts.ModuleKind.Node16,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        experimentalDecorators: false,
      },
    }).outputText;
    fs.mkdirSync(cacheDir, { recursive: true });
    // Written under a unique name, then renamed: parallel runs never read a half-written file.
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, output);
    fs.renameSync(temporary, cached);
  }
  module._compile(output, filename);
};
