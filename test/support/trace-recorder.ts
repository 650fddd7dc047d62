import { tracingChannel } from 'node:diagnostics_channel';

/** One event seen on a TracingChannel, with a copy of its context at that moment. */
export interface TraceEvent<C> {
  event: 'start' | 'end' | 'asyncStart' | 'asyncEnd' | 'error';
  context: C;
  /** The context object itself (the same for every event of one operation). */
  object: C;
}

/**
 * Subscribes to a TracingChannel and records every event, until {@link TraceRecorder.stop}. A
 * test subscribes for the span of what it checks, so the other tests run untraced.
 */
export class TraceRecorder<C extends object> {
  readonly events: Array<TraceEvent<C>> = [];
  readonly #channel;
  readonly #handlers;

  constructor(name: string) {
    this.#channel = tracingChannel<unknown, C>(name);
    const record = (event: TraceEvent<C>['event']) => (message: unknown) => {
      this.events.push({ event, context: { ...(message as C) }, object: message as C });
    };
    this.#handlers = {
      start: record('start'),
      end: record('end'),
      asyncStart: record('asyncStart'),
      asyncEnd: record('asyncEnd'),
      error: record('error'),
    };
    this.#channel.subscribe(this.#handlers);
  }

  /** The operations completed so far, in the order they completed (their `asyncEnd`). */
  get completed(): C[] {
    return this.events.filter((e) => e.event === 'asyncEnd').map((e) => e.context);
  }

  /** The event names of one operation, in order. */
  eventsOf(object: C): Array<TraceEvent<C>['event']> {
    return this.events.filter((e) => e.object === object).map((e) => e.event);
  }

  /** Forgets what was recorded. */
  clear(): void {
    this.events.length = 0;
  }

  stop(): void {
    this.#channel.unsubscribe(this.#handlers);
  }
}
