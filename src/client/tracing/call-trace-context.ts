import type { GatewayKind } from '../connection-settings';
import type { CounterIncrement } from '../gateway/gateway';
import type { RowMutations } from '../gateway/row-mutations';
import { incrementFigures, mutationFigures } from '../write-figures';

/**
 * What one gateway call publishes on the `hbase-mapper:call` TracingChannel ({@link CALL_CHANNEL}):
 * the same object at `start`, `end`, `asyncStart`, `asyncEnd` and `error`, so a subscriber may keep
 * what it needs on it between events (a `WeakMap` keyed by it is the tidy way).
 *
 * Each attempt is its own traced operation: a call the connection's `retry` option repeats
 * publishes a second operation with `attempt: 2`, and so on; the wait between attempts is in
 * none. An attempt covers getting a socket (connecting first, when needed, and asking the
 * gateway's API) and the call itself, so connection failures are traced too.
 *
 * Nothing is built, computed or published when nobody subscribes. The fields are stable API: new
 * ones may be added, none removed or changed in meaning within a major version. No field but
 * `result` (what the call returned) and `error` (whose message may quote a short row key, as any
 * error message of the library may) carries user data.
 *
 * @example
 * ```ts
 * import { tracingChannel } from 'node:diagnostics_channel';
 * import { CALL_CHANNEL, type CallTraceContext } from 'hbase-mapper';
 *
 * tracingChannel<unknown, CallTraceContext>(CALL_CHANNEL).subscribe({
 *   start() {},
 *   end() {},
 *   asyncStart() {},
 *   asyncEnd(call) {
 *     console.log(call.method, call.table, call.attempt, call.error === undefined ? 'ok' : 'failed');
 *   },
 *   error() {},
 * });
 * ```
 */
export interface CallTraceContext {
  /**
   * The call, named as this client names it: the Thrift1 method (`getRow`, `getRows`,
   * `mutateRows`, `atomicIncrement`, `scannerOpenWithScan`, `scannerGetList`, `scannerClose`,
   * `createTable`...). On a Thrift2 gateway the same name stands for the `THBaseService` call of
   * the same purpose that is sent (`get`, `getMultiple`, `mutateRow`/`putMultiple`,
   * `openScanner`, `getScannerRows`...); `api` tells which API it was.
   */
  readonly method: string;
  /**
   * The full name of the table the call works on (table prefix and namespace included, as HBase
   * knows it), or `undefined` for calls on no table (`getTableNames`, namespaces, `ping`).
   */
  readonly table: string | undefined;
  /**
   * The gateway host the call went to. At `start` it is the connection's current server; by the
   * time the operation ends (after a failover while connecting) it is the server actually used.
   */
  readonly host: string;
  /** The gateway port the call went to (see {@link CallTraceContext.host}). */
  readonly port: number;
  /**
   * The gateway's API: `'thrift1'` or `'thrift2'`; `undefined` at `start` while a connection with
   * `api: 'auto'` has not yet learnt it (its first call, which opens it).
   */
  readonly api: GatewayKind | undefined;
  /** 1 for the first attempt of a call, 2 for its first retry, and so on. */
  readonly attempt: number;
  /**
   * For calls that carry several rows: the rows written by a batch call (`mutateRows`,
   * `incrementRows`), or the rows asked for by a multi-row read (`getRows`, `getMultiple`,
   * `existsAll`).
   */
  readonly rows?: number;
  /** For batch calls: the cell mutations (puts, deletes, increments) the call carries. */
  readonly cells?: number;
  /**
   * For batch calls: the bytes of the row keys, columns and values the call carries (a delete has
   * no value; a counter increment's amount counts as 8): the payload, not the encoded message,
   * whose size depends on the protocol. A batch's `onProgress` counts its `bytes` the same way.
   */
  readonly bytes?: number;
  /**
   * For `scannerGetList` (`getScannerRows` on Thrift2): which batch of its scan this is, from 1; a
   * scan that resumed on a new scanner keeps counting.
   */
  readonly scanBatch?: number;
  /** The error the attempt failed with (a typed `HBaseError`), set before `error` is published. */
  error?: unknown;
  /**
   * What the call resolved with, set before `asyncStart`: the client's internal representation
   * (decoded rows, ids...), useful to tell calls apart but not a stable shape.
   */
  result?: unknown;
}

/**
 * @internal What a call site tells `Connection.call` about its call, for tracing only: cheap
 * references, turned into a {@link CallTraceContext}'s fields only when someone subscribes.
 */
export interface CallDetails {
  /** The table, as its full name or its bytes (decoded only when traced). */
  readonly table?: string | Buffer;
  /** A batch call's rows of mutations. */
  readonly mutations?: readonly RowMutations[];
  /** A batch call's counter increments. */
  readonly increments?: readonly CounterIncrement[];
  /** Rows asked for by a multi-row read. */
  readonly rows?: number;
  /** A scan's batch number (see {@link CallTraceContext.scanBatch}). */
  readonly scanBatch?: number;
}

/** @internal A context whose gateway fields the connection fills in once it has a socket. */
export type MutableCallTraceContext = {
  -readonly [K in keyof CallTraceContext]: CallTraceContext[K];
};

/** @internal The context of one attempt, built only when the call channel has subscribers. */
export function callTraceContext(
  method: string,
  details: CallDetails | undefined,
  attempt: number,
  host: string,
  port: number,
  api: GatewayKind | undefined,
): MutableCallTraceContext {
  const table = details?.table;
  const context: MutableCallTraceContext = {
    method,
    table: typeof table === 'string' || table === undefined ? table : table.toString('utf8'),
    host,
    port,
    api,
    attempt,
  };
  if (details === undefined) return context;
  if (details.mutations !== undefined) Object.assign(context, mutationFigures(details.mutations));
  else if (details.increments !== undefined) Object.assign(context, incrementFigures(details.increments));
  else if (details.rows !== undefined) context.rows = details.rows;
  if (details.scanBatch !== undefined) context.scanBatch = details.scanBatch;
  return context;
}
