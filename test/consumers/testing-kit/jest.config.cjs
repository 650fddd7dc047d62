// A Jest configuration as the testing guide shows it: the package's ready-made global setup and
// teardown start and stop a local HBase around the run.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/jest/*.test.cjs'],
  globalSetup: 'hbase-mapper/testing/jest-global-setup',
  globalTeardown: 'hbase-mapper/testing/jest-global-teardown',
  testTimeout: 60_000,
};
