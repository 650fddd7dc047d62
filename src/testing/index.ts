/**
 * hbase-mapper/testing: a real local HBase for test suites, on free ports, several side by side.
 * Needs Java 17+ (and Maven, once, to fetch HBase's jars). Ready-made global setups:
 * `hbase-mapper/testing/jest-global-setup`, `.../jest-global-teardown`, `.../vitest-global-setup`.
 *
 * @packageDocumentation
 * @module hbase-mapper/testing
 */
export { cacheDirectory } from './cache-dir';
export {
  ClasspathResolutionError,
  JavaNotFoundError,
  LocalHBaseError,
  MavenNotFoundError,
  ProcessExitedError,
  StartTimeoutError,
} from './errors';
export type { LocalGatewayName } from './gateways';
export { LocalHBase, type LocalHBasePorts, type LocalHBaseWebUiPorts } from './local-hbase';
export { type LocalHBaseHook, useLocalHBase } from './node-test';
export type { LocalHBaseOptions } from './options';
export type { LocalHBaseProgress } from './progress';
export { optionsFromEnvironment, startSharedLocalHBase, stopSharedLocalHBase } from './shared-instance';
export {
  SHARED_OPTIONS_VARIABLE,
  type SharedLocalHBase,
  shareConnectionOptions,
  sharedConnectionOptions,
} from './shared-options';
export { type TablePrefixOptions, tablePrefix } from './table-prefix';
