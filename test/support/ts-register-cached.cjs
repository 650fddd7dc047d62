// `node -r ./test/support/ts-register-cached.cjs script.ts`: like ts-register.cjs (each file
// transpiled on its own, no type check), with the output cached on disk by the hash of the source,
// so that the tests that run a program many times as a child process (the CLI's) do not load
// TypeScript and transpile the whole client at every start (~2 s each; ~0.3 s from the cache).
//
// The cache is this checkout's own (node_modules/.cache/hbase-mapper-ts, mode 0700), not a shared
// folder of /tmp, where another local user could plant code under a predictable name or own the
// folder (EACCES). `HBASE_MAPPER_TS_CACHE` names another folder (the tests of this file use it).
// Caching is best-effort: a folder or file that cannot be written only means transpiling again.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const cacheDir =
  process.env.HBASE_MAPPER_TS_CACHE ||
  path.join(__dirname, '..', '..', 'node_modules', '.cache', 'hbase-mapper-ts');
let ts;
// The compiler's version is part of the key: an upgrade transpiles afresh. Its package.json is
// tiny, unlike the compiler itself, which only a cache miss loads.
const tsVersion = require('typescript/package.json').version;

/** The cache folder, created owner-only; undefined when it cannot be (then nothing is cached). */
let usable;
function cacheFolder() {
  if (usable !== undefined) return usable || undefined;
  try {
    fs.mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(cacheDir);
    // A folder of someone else's (or open to others) is not trusted: its files could be anyone's.
    const own = typeof process.getuid !== 'function' || stat.uid === process.getuid();
    usable = own && (stat.mode & 0o077) === 0 ? cacheDir : '';
  } catch {
    usable = '';
  }
  return usable || undefined;
}

function readCached(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function writeCached(file, output) {
  // Written under a unique name, then renamed: parallel runs never read a half-written file.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, output, { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // nothing more to do: the next run transpiles again
    }
  }
}

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  // The module kind is part of the key: outputs cached under another one are not reused.
  const hash = crypto
    .createHash('sha1')
    .update(`node16\0typescript ${tsVersion}\0`)
    .update(filename)
    .update('\0')
    .update(source)
    .digest('hex');
  const folder = cacheFolder();
  const cached = folder && path.join(folder, `${hash}.js`);
  let output = cached && readCached(cached);
  if (output === undefined || output === '') {
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
    if (cached) writeCached(cached, output);
  }
  module._compile(output, filename);
};
