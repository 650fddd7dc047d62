// `node -r ./test/support/ts-register.cjs script.ts`: runs the TypeScript sources in a child
// process, for the tests that need a fresh Node (an environment read at start-up, such as
// NODE_DEBUG). Each file is transpiled on its own (no type check: `npm run lint` does that).
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      experimentalDecorators: false,
    },
  });
  module._compile(outputText, filename);
};
