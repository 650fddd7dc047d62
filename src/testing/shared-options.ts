import type { ConnectionOptions } from '../client/connection-options';
import { InvalidArgumentError } from '../client/errors';
import { LocalHBaseError } from './errors';
import type { LocalGatewayName } from './gateways';
import type { LocalHBase } from './local-hbase';

/**
 * The environment variable through which a global setup passes the connection options of every
 * gateway (JSON) to the test files, which run in other processes or threads: read it with
 * {@link sharedConnectionOptions}. The setups also set `HBASE_URL` (the first gateway), which a
 * `Connection` created without options reads by itself.
 */
export const SHARED_OPTIONS_VARIABLE = 'HBASE_MAPPER_TESTING';

/** What {@link SHARED_OPTIONS_VARIABLE} holds. */
export interface SharedLocalHBase {
  /** The gateways, the first being the default. */
  gateways: LocalGatewayName[];
  /** Each gateway's connection options. */
  options: Partial<Record<LocalGatewayName, ConnectionOptions>>;
}

/** @internal The instance's options, as {@link SHARED_OPTIONS_VARIABLE} carries them. */
export function describeForSharing(hbase: LocalHBase): SharedLocalHBase {
  return {
    gateways: [...hbase.gateways],
    options: Object.fromEntries(hbase.gateways.map((g) => [g, hbase.connectionOptions(g)])),
  };
}

/**
 * Sets {@link SHARED_OPTIONS_VARIABLE} and `HBASE_URL` in `env` (default `process.env`) for the
 * test processes a runner starts after its global setup. The ready-made setups call it.
 */
export function shareConnectionOptions(hbase: LocalHBase, env: NodeJS.ProcessEnv = process.env): void {
  env[SHARED_OPTIONS_VARIABLE] = JSON.stringify(describeForSharing(hbase));
  env.HBASE_URL = hbase.url();
}

/**
 * In a test file, the connection options of a gateway of the instance a global setup started
 * (see the testing guide), read from {@link SHARED_OPTIONS_VARIABLE}.
 *
 * @param gateway - a gateway the setup started (default: its first).
 * @throws `LocalHBaseError` when no setup shared an instance.
 */
export function sharedConnectionOptions(gateway?: LocalGatewayName): ConnectionOptions {
  const text = process.env[SHARED_OPTIONS_VARIABLE];
  if (!text) {
    throw new LocalHBaseError(
      `${SHARED_OPTIONS_VARIABLE} is not set: no global setup of hbase-mapper/testing ran for this test run (see the testing guide)`,
    );
  }
  const shared = JSON.parse(text) as SharedLocalHBase;
  const name = gateway ?? shared.gateways[0]!;
  const options = shared.options[name];
  if (!options) {
    throw new InvalidArgumentError(
      'gateway',
      `one of the gateways started (${shared.gateways.join(', ')})`,
      gateway,
    );
  }
  return options;
}
