import { type TracingChannel, tracingChannel } from 'node:diagnostics_channel';

/**
 * The name of the `diagnostics_channel` TracingChannel on which every gateway call publishes (one
 * traced operation per attempt), with a {@link CallTraceContext}. Subscribe with
 * `tracingChannel(CALL_CHANNEL).subscribe({ start, end, asyncStart, asyncEnd, error })`.
 */
export const CALL_CHANNEL = 'hbase-mapper:call';

/**
 * The name of the `diagnostics_channel` TracingChannel on which every `Repository` operation
 * publishes, with a `RepositoryTraceContext`. The gateway calls an operation makes run inside it,
 * so stores bound to its `start` channel (`bindStore`) are theirs too.
 */
export const REPOSITORY_CHANNEL = 'hbase-mapper:repository';

/**
 * @internal Whether anyone listens on `channel`. `TracingChannel.hasSubscribers` only exists from
 * Node.js 20.13 / 22.0 on (and is `undefined` before): there, its five channels are asked instead.
 * A subscriber of any one of them, or a store bound to `start`, makes the operation traced.
 */
export function tracingHasSubscribers(channel: TracingChannel<unknown, object>): () => boolean {
  if (typeof channel.hasSubscribers === 'boolean') return () => channel.hasSubscribers;
  const { start, end, asyncStart, asyncEnd, error } = channel;
  return () =>
    start.hasSubscribers ||
    end.hasSubscribers ||
    asyncStart.hasSubscribers ||
    asyncEnd.hasSubscribers ||
    error.hasSubscribers;
}

/** @internal The TracingChannel of gateway calls (see {@link CALL_CHANNEL}). */
export const callChannel: TracingChannel<unknown, object> = tracingChannel(CALL_CHANNEL);

/** @internal Whether anyone traces gateway calls: checked before any context is built. */
export const callsTraced: () => boolean = tracingHasSubscribers(callChannel);
