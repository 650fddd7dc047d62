// Projects: unit tests need no server; integration tests run against a real HBase Thrift gateway,
// which test/support/global-setup.mjs finds or starts (and stops afterwards if it started it).
// The mapper's suites run twice: with standard (TC39) decorators and with TypeScript's
// experimentalDecorators + emitDecoratorMetadata (what NestJS apps use).
// NestJS's own decorators exist only in the experimentalDecorators mode (parameter decorators, design
// metadata), so the suites of hbase-mapper/nest run in the legacy projects only.
// ts-jest uses the real TypeScript compiler (5.9: see CONTRIBUTING.md, "Toolchain notes"), so decorators compile
// exactly as they do for users; type errors are caught by `npm run lint`.
const transform = (tsconfig) => ({ '^.+\\.ts$': ['ts-jest', { tsconfig, diagnostics: false }] });
const standard = transform('tsconfig.json');
const legacy = transform('tsconfig.legacy.json');
const legacySetup = ['<rootDir>/test/support/legacy-decorators.cjs'];
const server = {
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
};
// The integration suites run a second time against the Thrift2 gateways: in the *-thrift2 projects
// test/support/gateway.ts maps gateways.default/framed/http/https to them. Only the suites that
// cannot apply are left out, each for the reason given.
const thrift2 = { globals: { HBASE_TEST_API: 'thrift2' } };
const notOnThrift2 = [
  // Closes idle sockets on, kills and restarts the idle gateway, a Thrift1 one with no Thrift2 twin
  // (two runs at once would fight over it). Retries and failover: retries-and-failover.test.ts.
  'faults.test.ts',
  // These address the Thrift1 and the Thrift2 gateways by name: one run covers both APIs.
  'gateway-detection.test.ts',
  'batch-atomicity.test.ts',
  'gateway-parity.test.ts',
  'thrift2-admin.test.ts',
  'thrift2-check-and-mutate.test.ts',
  'thrift2-reads.test.ts',
  'thrift2-only-on-thrift1.test.ts',
  'mapper/atomic-save.test.ts',
  'mapper/index-versioned.test.ts',
  'mapper/optimistic-locking.test.ts',
  'mapper/schema-alter.test.ts',
  'mapper/thrift2-histories.test.ts',
].map((file) => `<rootDir>/test/integration/${file}`);

// The suites of hbase-mapper/testing start HBase instances of their own (on free ports, beside the
// shared one): a project of their own, with no global setup, run once.
const ownInstances = ['<rootDir>/test/integration/testing/'];
// The Kerberos suites run against the secure instance (npm run hbase:start -- --secure), in their
// own project: test/support/secure-global-setup.mjs starts it (or reuses it) and exports its env.
const secureSuites = ['<rootDir>/test/integration/secure/'];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      // *.legacy.test.ts use decorators that exist only in experimentalDecorators mode.
      testPathIgnorePatterns: ['/node_modules/', '\\.legacy\\.test\\.ts$'],
      transform: standard,
    },
    {
      displayName: 'unit-legacy',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/mapper/**/*.test.ts'],
      transform: legacy,
      setupFiles: legacySetup,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/integration/nest/',
        ...ownInstances,
        ...secureSuites,
      ],
      transform: standard,
      ...server,
    },
    {
      displayName: 'integration-thrift2',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '<rootDir>/test/integration/nest/',
        ...ownInstances,
        ...secureSuites,
        ...notOnThrift2,
      ],
      transform: standard,
      ...thrift2,
      ...server,
    },
    {
      displayName: 'testing-kit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/testing/**/*.test.ts'],
      transform: standard,
    },
    {
      displayName: 'integration-secure',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/secure/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/secure/nest/'],
      transform: standard,
      globalSetup: '<rootDir>/test/support/secure-global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/secure-global-teardown.mjs',
    },
    {
      // The NestJS suites over the secure instance (NestJS needs experimentalDecorators).
      displayName: 'integration-secure-legacy',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/secure/nest/**/*.test.ts'],
      transform: legacy,
      setupFiles: legacySetup,
      globalSetup: '<rootDir>/test/support/secure-global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/secure-global-teardown.mjs',
    },
    {
      displayName: 'integration-legacy',
      testEnvironment: 'node',
      testMatch: [
        '<rootDir>/test/integration/mapper/**/*.test.ts',
        '<rootDir>/test/integration/nest/**/*.test.ts',
      ],
      transform: legacy,
      setupFiles: legacySetup,
      ...server,
    },
    {
      // The NestJS suites on Thrift2 (the mapper's legacy-decorator runs depend on no gateway API).
      displayName: 'integration-legacy-thrift2',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/integration/nest/**/*.test.ts'],
      transform: legacy,
      setupFiles: legacySetup,
      ...thrift2,
      ...server,
    },
  ],
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.cjs'],
};
