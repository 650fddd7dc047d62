import { InvalidArgumentError } from '../client/errors';
import { GATEWAY_NAMES, type LocalGatewayName } from './gateways';
import { LocalHBase } from './local-hbase';
import type { LocalHBaseOptions } from './options';
import { shareConnectionOptions } from './shared-options';

/**
 * The instance of a global setup, kept on `globalThis` under a registered symbol: a runner may load
 * the setup and the teardown modules apart (Jest does), and only globals reach both.
 */
const SLOT = Symbol.for('hbase-mapper.testing.shared-instance');
type Slot = { [SLOT]?: LocalHBase };

/**
 * Starts an instance for a whole test run and shares its connection options with the test files
 * (see {@link shareConnectionOptions}); {@link stopSharedLocalHBase} stops it. For a global setup
 * of your own; the ready-made ones (`hbase-mapper/testing/jest-global-setup`, ...) call it with
 * {@link optionsFromEnvironment}.
 */
export async function startSharedLocalHBase(options?: LocalHBaseOptions): Promise<LocalHBase> {
  const hbase = await LocalHBase.start(options);
  (globalThis as Slot)[SLOT] = hbase;
  shareConnectionOptions(hbase);
  return hbase;
}

/** Stops the instance {@link startSharedLocalHBase} started (a reused one keeps running). Idempotent. */
export async function stopSharedLocalHBase(): Promise<void> {
  const hbase = (globalThis as Slot)[SLOT];
  delete (globalThis as Slot)[SLOT];
  await hbase?.stop();
}

/**
 * The options the ready-made setups start with, from environment variables:
 * `HBASE_MAPPER_TESTING_GATEWAYS` (comma-separated, default `thrift1`),
 * `HBASE_MAPPER_TESTING_REUSE` (`1`/`true`, or a key: reuse across watch-mode runs),
 * `HBASE_MAPPER_TESTING_TIMEOUT` (start timeout in ms). Progress goes to stderr as `[hbase] ...`.
 */
export function optionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): LocalHBaseOptions {
  const options: LocalHBaseOptions = {
    onProgress: (p) => {
      // The jar download is the only long wait worth a line each time.
      if (p.stage !== 'jars' || p.downloaded === undefined || p.downloaded % 25 === 0) {
        process.stderr.write(`[hbase] ${p.message}\n`);
      }
    },
  };
  const gateways = env.HBASE_MAPPER_TESTING_GATEWAYS;
  if (gateways) {
    options.gateways = gateways.split(',').map((g) => g.trim()) as LocalGatewayName[];
    const unknown = options.gateways.find((g) => !GATEWAY_NAMES.includes(g));
    if (unknown !== undefined) {
      throw new InvalidArgumentError(
        'HBASE_MAPPER_TESTING_GATEWAYS',
        `a list of ${GATEWAY_NAMES.join(', ')}`,
        unknown,
      );
    }
  }
  const reuse = env.HBASE_MAPPER_TESTING_REUSE;
  if (reuse && reuse !== '0' && reuse !== 'false')
    options.reuse = reuse === '1' || reuse === 'true' ? true : reuse;
  const timeout = env.HBASE_MAPPER_TESTING_TIMEOUT;
  if (timeout) options.startTimeout = Number(timeout);
  return options;
}
