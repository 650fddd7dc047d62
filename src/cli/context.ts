import { Connection } from '../client/connection';
import { InvalidArgumentError } from '../client/errors';
import { type ConnectionFlags, connectionOptionsFromFlags, FLAG_OF_OPTION } from './connection-flags';
import { CliError } from './exit-codes';
import { Output } from './output';

/** @internal What a command's action gets: its connection and stdout. */
export interface CommandContext {
  connection: Connection;
  out: Output;
}

/**
 * @internal Opens a connection from the flags and the environment, runs `action`, closes it.
 * A connection option the library rejects is a usage error naming the flag (or the variable).
 */
export async function withConnection<T>(
  flags: ConnectionFlags,
  action: (context: CommandContext) => Promise<T>,
): Promise<T> {
  let connection: Connection;
  try {
    connection = new Connection({ ...connectionOptionsFromFlags(flags), autoConnect: false });
  } catch (error) {
    throw usageFromOptionError(error);
  }
  try {
    await connection.open();
    return await action({ connection, out: new Output(process.stdout) });
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** An `InvalidArgumentError` about a connection option, renamed after its flag: exit code 2. */
export function usageFromOptionError(error: unknown): unknown {
  if (!(error instanceof InvalidArgumentError)) return error;
  const flag = Object.entries(FLAG_OF_OPTION).find(([option]) => error.argument.startsWith(option));
  const message = flag === undefined ? error.message : error.message.replace(flag[0], flag[1]);
  return CliError.usage(message);
}
