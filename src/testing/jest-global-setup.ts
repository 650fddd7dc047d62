/**
 * hbase-mapper/testing/jest-global-setup: Jest's `globalSetup`. Starts a local HBase for the test
 * run (options from the `HBASE_MAPPER_TESTING_*` variables, see `optionsFromEnvironment`) and
 * shares its connection options with the test files (`sharedConnectionOptions()`, `HBASE_URL`).
 * Pair it with hbase-mapper/testing/jest-global-teardown.
 *
 * @packageDocumentation
 * @module hbase-mapper/testing/jest-global-setup
 */
import { optionsFromEnvironment, startSharedLocalHBase } from './shared-instance';

/** Jest's global setup: starts the shared instance. */
export default async function jestGlobalSetup(): Promise<void> {
  await startSharedLocalHBase(optionsFromEnvironment());
}
