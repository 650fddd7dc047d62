import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@nestjs/common';
import { ProtocolMismatchError } from '../client/errors';
import { isRetryableError } from '../client/retry-policy';
import { optionalInteger } from '../client/validate';

/** Retries after a failed start-up when `retryAttempts` is not given (as @nestjs/typeorm). */
export const DEFAULT_RETRY_ATTEMPTS = 9;
/** Milliseconds between two start-up attempts when `retryDelay` is not given (as @nestjs/typeorm). */
export const DEFAULT_RETRY_DELAY_MS = 3000;

/** @internal How start-up work that reaches HBase is retried. */
export interface StartUpRetries {
  /** Retries after the first failure (so `attempts + 1` tries in all). */
  attempts: number;
  /** Milliseconds between two tries. */
  delay: number;
}

/** @internal Reads `retryAttempts` and `retryDelay`, naming the one that is wrong. */
export function resolveStartUpRetries(retryAttempts: unknown, retryDelay: unknown): StartUpRetries {
  return {
    attempts: optionalInteger(retryAttempts, 'options.retryAttempts', 0, 1000) ?? DEFAULT_RETRY_ATTEMPTS,
    delay: optionalInteger(retryDelay, 'options.retryDelay', 0, 2 ** 31 - 1) ?? DEFAULT_RETRY_DELAY_MS,
  };
}

/**
 * @internal Runs `work` (start-up work against HBase), trying again after `retries.delay` ms when it
 * fails in a way that waiting can mend: the gateway unreachable, a connection lost or timed out
 * (a TransportError other than a protocol mismatch; an HTTP 429/502/503/504), or HBase itself
 * failing in a way it marks retryable (an IOError with `canRetry`: a master still initialising, a
 * region in transition). Anything else (bad options, a class that is not an entity, an HTTP 401,
 * the wrong transport) fails at once: no retry would change it. Each retry is logged with the error's class and message, which the client
 * writes without secrets or user data.
 */
export async function withStartUpRetries<T>(
  work: () => Promise<T>,
  retries: StartUpRetries,
  name: string,
  logger: Logger,
): Promise<T> {
  for (let retry = 1; ; retry++) {
    try {
      return await work();
    } catch (error) {
      if (retry > retries.attempts || !isTransient(error)) throw error;
      const { name: kind, message } = error as Error;
      logger.error(
        `connection "${name}": start-up failed (${kind}: ${message}); retrying in ${retries.delay} ms (${retry}/${retries.attempts})`,
      );
      await sleep(retries.delay);
    }
  }
}

/**
 * What the client's own `retry` option would repeat (a transport failure; an HTTP 429/502/503/504;
 * an `IOError` HBase marks retryable, such as a master still initialising), except a reply in
 * another transport or protocol, which is the app's configuration and comes again however long
 * it waits.
 */
function isTransient(error: unknown): boolean {
  return isRetryableError(error) && !(error instanceof ProtocolMismatchError);
}
