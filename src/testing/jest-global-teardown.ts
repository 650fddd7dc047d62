/**
 * hbase-mapper/testing/jest-global-teardown: Jest's `globalTeardown`, stopping the instance that
 * hbase-mapper/testing/jest-global-setup started (a reused one keeps running).
 *
 * @packageDocumentation
 * @module hbase-mapper/testing/jest-global-teardown
 */
import { stopSharedLocalHBase } from './shared-instance';

/** Jest's global teardown: stops the shared instance. */
export default async function jestGlobalTeardown(): Promise<void> {
  await stopSharedLocalHBase();
}
