import type { ConnectionOptions } from '../client/connection-options';
import { LocalHBaseError } from './errors';
import type { LocalGatewayName } from './gateways';
import { LocalHBase } from './local-hbase';
import type { LocalHBaseOptions } from './options';

/** What {@link useLocalHBase} returns: the instance, once its `before` hook ran. */
export interface LocalHBaseHook {
  /** The running instance (throws before the `before` hook ran). */
  readonly instance: LocalHBase;
  /** `instance.connectionOptions(gateway)`. */
  connectionOptions(gateway?: LocalGatewayName): ConnectionOptions;
}

/**
 * For `node:test`: registers a `before` hook starting an instance and an `after` hook stopping it,
 * in the current suite (or file). Call it at the top of a test file or inside `describe`.
 */
export function useLocalHBase(options?: LocalHBaseOptions): LocalHBaseHook {
  // Loaded here, not at the top: only node:test users should load node:test.
  const { before, after } = require('node:test') as typeof import('node:test');
  let hbase: LocalHBase | undefined;
  const timeout = (options?.startTimeout ?? 180_000) + 15 * 60_000;
  before(
    async () => {
      hbase = await LocalHBase.start(options);
    },
    { timeout },
  );
  after(async () => {
    await hbase?.stop();
  });
  const instance = () => {
    if (!hbase)
      throw new LocalHBaseError('useLocalHBase: the instance is started in a before hook; use it in tests');
    return hbase;
  };
  return {
    get instance() {
      return instance();
    },
    connectionOptions: (gateway) => instance().connectionOptions(gateway),
  };
}
