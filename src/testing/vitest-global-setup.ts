/**
 * hbase-mapper/testing/vitest-global-setup: Vitest's `globalSetup`. Starts a local HBase for the
 * test run (options from the `HBASE_MAPPER_TESTING_*` variables, see `optionsFromEnvironment`),
 * shares its connection options (`sharedConnectionOptions()`, `HBASE_URL`, and
 * `inject('hbaseMapperTesting')`), and returns the teardown that stops it.
 *
 * @packageDocumentation
 * @module hbase-mapper/testing/vitest-global-setup
 */

import { optionsFromEnvironment, startSharedLocalHBase, stopSharedLocalHBase } from './shared-instance';
import { describeForSharing } from './shared-options';

/** The part of Vitest's global setup context used here (`provide` exists since Vitest 1). */
export interface VitestGlobalSetupContext {
  /** Makes a value available to test files through Vitest's `inject(key)`. */
  provide?(key: string, value: unknown): void;
}

/** Vitest's global setup: starts the shared instance and returns its teardown. */
export default async function vitestGlobalSetup(
  context?: VitestGlobalSetupContext,
): Promise<() => Promise<void>> {
  const hbase = await startSharedLocalHBase(optionsFromEnvironment());
  context?.provide?.('hbaseMapperTesting', describeForSharing(hbase));
  return stopSharedLocalHBase;
}
