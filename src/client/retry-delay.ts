import { backoffDelay, isRetryableError, type RetryPolicy } from './retry-policy';

/**
 * @internal The rule of every retry loop (a connection's calls, a bulk writer's batches): after
 * failed attempt number `attempt` (1-based), the milliseconds to wait before the next one, or
 * `undefined` when the failure is final: no policy, the attempts used up, or an error that would
 * come again. `attempts` defaults to the policy's; a caller passes fewer (1) for a call it may not
 * repeat.
 */
export function retryDelay(
  policy: RetryPolicy | undefined,
  attempt: number,
  error: unknown,
  attempts = policy?.attempts,
): number | undefined {
  if (policy === undefined || attempts === undefined || attempt >= attempts) return undefined;
  return isRetryableError(error) ? backoffDelay(policy, attempt) : undefined;
}

/** @internal Resolves after `ms` milliseconds: the wait between two attempts. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
