import { EventEmitter } from 'node:events';
import { withCallerOnFailure, withCallerStack } from './caller-stack';
import { type ColumnFamilyOptions, type FullColumnFamilyDescriptor, toFamilySpecs } from './column-family';
import {
  type Compat,
  type ConnectionOptions,
  type ResolvedConnectionOptions,
  resolveConnectionOptions,
} from './connection-options';
import type { ConnectionPool } from './connection-pool';
import type { GatewayKind } from './connection-settings';
import { optionalDurability } from './durability';
import {
  ConnectionClosedError,
  ConnectionFailedError,
  InvalidArgumentError,
  ThriftApplicationError,
  TimeoutError,
  UnsupportedGatewayError,
} from './errors';
import type { Gateway } from './gateway/gateway';
import { thrift2Only } from './gateway/thrift2-only';
import { detectGatewayApi, UNKNOWN_METHOD } from './gateway-api';
import type { NamespaceDescriptor } from './namespace-descriptor';
import type { ConnectionEvents } from './observability/events';
import { ConnectionObserver, type SocketRef } from './observability/observer';
import type { PoolObserver } from './observability/pool-observer';
import { pause, retryDelay } from './retry-delay';
import { RETRYABLE_METHODS, type RetryPolicy } from './retry-policy';
import { Table } from './table';
import {
  type CreateTableOptions,
  requireNamespace,
  type TableChanges,
  toConfiguration,
  toSplitKeys,
} from './table-admin';
import type { TableDescriptor } from './table-descriptor';
import { requireTableName } from './table-names';
import { THRIFT1_API } from './thrift1/thrift1-api';
import { THRIFT2_API } from './thrift2/thrift2-api';
import {
  type CallDetails,
  callTraceContext,
  type MutableCallTraceContext,
} from './tracing/call-trace-context';
import { callChannel, callsTraced } from './tracing/channels';
import { HttpChannel } from './transport/http-channel';
import { SocketChannel } from './transport/socket-channel';
import type { ThriftChannel } from './transport/thrift-channel';
import { optionalBoolean, optionalInteger, requireOptions, requireString } from './validate';

/**
 * A connection to an HBase Thrift gateway, Thrift1 or Thrift2 (detected, unless the `api` option
 * declares it): the entry point of the client, like HappyBase's `Connection`. It opens lazily
 * on the first call (unless `autoConnect: false`) and hands out {@link Table} objects; it also
 * administers tables.
 *
 * A Connection may be shared by concurrent async tasks: calls are pipelined on one socket (or
 * sent as concurrent requests in HTTP mode). For many concurrent callers use a `ConnectionPool`.
 *
 * Options not given come from a connection URL (`url`, or the whole argument as a string), then
 * from the `HBASE_*` environment variables (`HBASE_URL`, `HBASE_HOST`, `HBASE_PORT`, ...), then from
 * the defaults (`localhost:9090`, buffered transport, binary protocol).
 *
 * @example
 * ```ts
 * await using connection = new Connection({ host: 'localhost', tablePrefix: 'myapp' });
 * const table = connection.table('users');
 * await table.put('user-1', { 'info:name': 'Ada' });
 *
 * const framed = new Connection('hbase://gateway:9091?transport=framed&protocol=compact');
 * const https = new Connection({ url: 'https://gateway:9443/thrift', tls: { ca } });
 * ```
 *
 * It emits {@link ConnectionEvents} (`connect`, `reconnect`, `failover`, `retry`, `error`,
 * `close`); an unheard `'error'` never throws. A Connection garbage-collected while its socket is
 * open emits a `ResourceWarning` (code `HBASE_MAPPER_LEAK`) and closes the socket.
 */
export class Connection extends EventEmitter<ConnectionEvents> {
  /** The validated options, with defaults applied. */
  readonly #options: ResolvedConnectionOptions;
  #channel: ThriftChannel<Gateway> | undefined;
  #opening: Promise<ThriftChannel<Gateway>> | undefined;
  /** The channel `#opening` is connecting (or authenticating): a close drops it at once. */
  #channelOpening: ThriftChannel<Gateway> | undefined;
  #closedByUser = false;
  /** Whether a pool owns this connection: then `close()` only closes its socket (see there). */
  #pooled = false;
  /** The pool that owns this connection (weakly: a pool must stay collectable for its leak watch). */
  #pool: WeakRef<ConnectionPool> | undefined;
  /** The server of `servers` currently in use (failover moves on from it). */
  #serverIndex = 0;
  /** The API the connection speaks: declared by the `api` option, or the first gateway's. */
  #kind: GatewayKind | undefined;
  /** Feeds the events and logs (a pool's, for a pooled connection). */
  #observer: ConnectionObserver;

  /**
   * Validates `options` (throwing `InvalidArgumentError`, which names the option, URL part or
   * environment variable at fault); connects on the first call or on `open()`.
   *
   * @param options - options, or a connection URL (`hbase://`, `hbases://`, `http://`, `https://`).
   */
  constructor(options: ConnectionOptions | string | URL = {}) {
    super();
    this.#options = isResolved(options) ? options : resolveConnectionOptions(options);
    const { api, logger, servers } = this.#options;
    this.#kind = api === 'auto' ? undefined : api;
    this.#observer = new ConnectionObserver(this, logger, servers[0]!);
  }

  /**
   * @internal A connection with options already validated (a pool resolves its options, and reads
   * the environment, once for all its connections).
   */
  static withResolvedOptions(options: ResolvedConnectionOptions): Connection {
    return new Connection(Object.assign(Object.create(null), options, { [RESOLVED]: true }));
  }

  /**
   * @internal A connection a `ConnectionPool` owns: `close()` from the code that leased it closes
   * the socket only, and only the pool, through {@link Connection.retire}, closes it for good.
   */
  static forPool(options: ResolvedConnectionOptions, pool: PoolObserver, owner?: ConnectionPool): Connection {
    const connection = Connection.withResolvedOptions(options);
    connection.#pooled = true;
    if (owner !== undefined) connection.#pool = new WeakRef(owner);
    // Its events surface on the pool too; a leak is the pool's (which watches this socket).
    connection.#observer = new ConnectionObserver(connection, undefined, options.servers[0]!, pool);
    return connection;
  }

  /** @internal The pool this connection belongs to, if any (a parallel scan leases more from it). */
  get pool(): ConnectionPool | undefined {
    return this.#pool?.deref();
  }

  /**
   * @internal Points the connection at the gateway `gateway` (`host:port`, one of `servers`): a
   * socket open to another gateway is closed, and the next call opens one there (failing over
   * from it as usual if it cannot be reached). What a pool does for a lease pinned to a gateway,
   * and to spread its connections.
   */
  async moveTo(gateway: string): Promise<void> {
    const index = this.#options.servers.findIndex((s) => `${s.host}:${s.port}` === gateway);
    if (index < 0 || index === this.#serverIndex) return;
    await this.#closeSocket();
    this.#serverIndex = index;
  }

  /** @internal The connection's current channel, for its pool's leak watch. */
  get socketRef(): SocketRef {
    return this.#observer.socket;
  }

  /**
   * Opens a connection, runs `fn` with it and closes it whatever `fn` does.
   *
   * @example
   * ```ts
   * const names = await Connection.using({ port: 9090 }, (c) => c.tables());
   * ```
   */
  static async using<T>(
    options: ConnectionOptions | string | URL,
    fn: (connection: Connection) => Promise<T> | T,
  ): Promise<T> {
    // Checked before connecting: a bad callback must not cost a connection to the gateway.
    if (typeof fn !== 'function') throw new InvalidArgumentError('fn', 'a function', fn);
    const connection = new Connection(options);
    try {
      await connection.open();
      return await fn(connection);
    } finally {
      await connection.close();
    }
  }

  /** The gateway host (of the server in use, when several are configured). */
  get host(): string {
    return this.#options.servers[this.#serverIndex]!.host;
  }

  /** The gateway port (of the server in use, when several are configured). */
  get port(): number {
    return this.#options.servers[this.#serverIndex]!.port;
  }

  /** The table prefix, if any. */
  get tablePrefix(): string | undefined {
    return this.#options.tablePrefix;
  }

  /** The HBase compatibility level. */
  get compat(): Compat {
    return this.#options.compat;
  }

  /** Whether a live connection to the gateway exists right now. */
  get isOpen(): boolean {
    return this.#channel?.usable === true;
  }

  /** @internal The retry settings, when retries are on (scans use them to resume). */
  get retryPolicy(): RetryPolicy | undefined {
    return this.#options.retry;
  }

  /** @internal The largest request with the framed transport (batches split below it); else none. */
  get maxFrameSize(): number | undefined {
    const { transport, maxFrameSize } = this.#options.channel;
    return transport === 'framed' ? maxFrameSize : undefined;
  }

  /** @internal Whether the current socket failed (closed by the server, timed out, broke). */
  get hasFailed(): boolean {
    return this.#channel !== undefined && !this.#channel.usable;
  }

  /**
   * Opens the connection. Idempotent while open; after `close()` (or a failure) it opens a fresh
   * socket. Rejects with `ConnectionFailedError` when the gateway cannot be reached in time.
   */
  async open(): Promise<void> {
    this.#closedByUser = false;
    try {
      await this.#ensureChannel();
    } catch (error) {
      throw withCallerStack(error);
    }
  }

  /**
   * Closes the connection; calls still in flight reject with `ConnectionClosedError`. Idempotent.
   *
   * A connection leased from a {@link ConnectionPool} belongs to the pool: closing it closes its
   * socket, and its next call (in the same block, an outer block, or a later lease) opens a fresh
   * one, as HappyBase reopens a pooled connection. The pool closes its connections for good when
   * it closes.
   */
  async close(): Promise<void> {
    if (this.#pooled) {
      // A nested block must not leave the outer block (and the pool) holding a dead connection.
      await this.#closeSocket();
      return;
    }
    await this.retire();
  }

  /** @internal Closes for good, even a pooled connection (the pool's own close and destroy). */
  async retire(): Promise<void> {
    const first = !this.#closedByUser;
    this.#closedByUser = true;
    await this.#closeSocket();
    // Once the socket is closed: a 'close' listener sees calls in flight already rejected.
    if (first) this.#observer.closed();
  }

  async #closeSocket(): Promise<void> {
    // A channel still connecting (or in a Kerberos handshake that may take long) is dropped now,
    // not waited for.
    if (!this.#channel) void this.#channelOpening?.close();
    const channel = this.#channel ?? (await this.#opening?.catch(() => undefined));
    this.#channel = undefined;
    this.#opening = undefined;
    await channel?.close();
  }

  /** Closes the connection at the end of an `await using` block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * Returns a {@link Table} for `name` (no round trip). The table prefix is applied unless
   * `usePrefix: false`. For a namespaced name (`ns:table`) the prefix goes before the table part.
   */
  table(name: string, options?: { usePrefix?: boolean }): Table {
    const o = requireOptions(options, 'options', ['usePrefix']);
    const usePrefix = optionalBoolean(o.usePrefix, 'options.usePrefix') ?? true;
    return new Table(
      usePrefix ? this.prefixedName(name) : requireTableName(requireString(name, 'name'), 'name'),
      this,
    );
  }

  /** The names of the tables, without prefix; with a prefix, only the tables that carry it. */
  async tables(): Promise<string[]> {
    const names = await this.call('getTableNames', (g) => g.tableNames());
    const all = names.map((n) => Buffer.from(n).toString('utf8'));
    const prefix = this.#options.tablePrefix;
    if (prefix === undefined) return all;
    const lead = prefix + this.#options.tablePrefixSeparator;
    return all.flatMap((full) => {
      const colon = full.indexOf(':');
      const namespace = colon < 0 ? '' : full.slice(0, colon + 1);
      const local = full.slice(colon + 1);
      return local.startsWith(lead) ? [namespace + local.slice(lead.length)] : [];
    });
  }

  /**
   * Creates a table with the given column families and returns it.
   *
   * @param families - family name to settings (`{}` for defaults), e.g. `{ cf1: {}, cf2: { maxVersions: 1 } }`;
   *   a name may carry its trailing colon (`'cf1:'`), as in HappyBase.
   * @param options - `splitKeys`: pre-split the table, one region starting at each key (Thrift2
   *   gateway only: on Thrift1 `NotSupportedError`, nothing sent). See `evenSplitKeys` and
   *   `saltBucketSplitKeys` to compute them.
   */
  async createTable(
    name: string,
    families: Record<string, ColumnFamilyOptions>,
    options?: CreateTableOptions,
  ): Promise<Table> {
    const fullName = this.prefixedName(name);
    const specs = toFamilySpecs(families);
    const o = requireOptions(options, 'options', ['splitKeys', 'regionReplication']);
    const replicas = optionalInteger(o.regionReplication, 'options.regionReplication', 1, 2 ** 15 - 1);
    // One replica is the primary alone: a plain createTable, on either gateway.
    const replication = replicas === 1 ? undefined : replicas;
    const keys = o.splitKeys === undefined ? [] : toSplitKeys(o.splitKeys, 'options.splitKeys');
    // No split key is no pre-split (evenSplitKeys(1)): a plain createTable, on either gateway.
    const splitKeys = keys.length === 0 ? undefined : keys;
    await this.call(
      'createTable',
      (g) => g.createTable(Buffer.from(fullName, 'utf8'), specs, splitKeys, replication),
      { table: fullName },
    );
    return new Table(fullName, this);
  }

  /**
   * Deletes every row of a table: HBase drops and recreates it with the same schema, and with
   * `preserveSplits: true` (the default) the same region boundaries. An enabled table is disabled
   * first; it is enabled again afterwards. Thrift2 gateway only: on Thrift1 `NotSupportedError`,
   * before anything is sent (not even the disable).
   */
  async truncateTable(name: string, options?: { preserveSplits?: boolean }): Promise<void> {
    const o = requireOptions(options, 'options', ['preserveSplits']);
    const preserveSplits = optionalBoolean(o.preserveSplits, 'options.preserveSplits') ?? true;
    const fullName = Buffer.from(this.prefixedName(name), 'utf8');
    await this.#requireThrift2('truncateTable');
    const details = { table: fullName };
    if (await this.call('isTableEnabled', (g) => g.isTableEnabled(fullName), details)) {
      await this.call('disableTable', (g) => g.disableTable(fullName), details);
    }
    await this.call('truncateTable', (g) => g.truncateTable(fullName, preserveSplits), details);
  }

  /**
   * Adds a column family to a table (online: the table stays enabled). Thrift2 gateway only: on
   * Thrift1 `NotSupportedError`, nothing sent.
   */
  async addColumnFamily(table: string, family: string, options: ColumnFamilyOptions = {}): Promise<void> {
    const fullName = Buffer.from(this.prefixedName(table), 'utf8');
    const [spec] = toFamilySpecs({ [requireString(family, 'family')]: options });
    await this.call('addColumnFamily', (g) => g.addFamily(fullName, spec!), { table: fullName });
  }

  /**
   * Changes settings of a column family; the settings not given keep their values (the family's
   * descriptor is read first, then sent back whole with the changes, since HBase replaces it).
   * Thrift2 gateway only: on Thrift1 `NotSupportedError`, nothing sent.
   *
   * @example
   * ```ts
   * await connection.modifyColumnFamily('events', 'cf', { maxVersions: 5, timeToLive: 86_400 });
   * ```
   */
  async modifyColumnFamily(table: string, family: string, changes: ColumnFamilyOptions): Promise<void> {
    const name = this.prefixedName(table);
    const [spec] = toFamilySpecs({ [requireString(family, 'family')]: changes });
    await this.#requireThrift2('modifyColumnFamily');
    const current = (await this.table(name, { usePrefix: false }).descriptor()).families[spec!.name];
    if (current === undefined) {
      throw new InvalidArgumentError('family', `a family of the table ${name}`, family);
    }
    const merged: FullColumnFamilyDescriptor = { ...current, ...spec! };
    await this.call('modifyColumnFamily', (g) => g.modifyFamily(Buffer.from(name, 'utf8'), merged), {
      table: name,
    });
  }

  /**
   * Changes a table's own settings (today: the `durability` of writes that ask for `'default'`);
   * its families keep theirs. The descriptor is read first and sent back whole with the changes,
   * since HBase replaces it. Thrift2 gateway only: on Thrift1 `NotSupportedError`, nothing sent.
   */
  async modifyTable(name: string, changes: TableChanges): Promise<void> {
    const fullName = this.prefixedName(name);
    const o = requireOptions(changes, 'changes', ['durability']);
    const durability = optionalDurability(o.durability, 'changes.durability', undefined);
    await this.#requireThrift2('modifyTable');
    const current = await this.table(fullName, { usePrefix: false }).descriptor();
    const merged: TableDescriptor = { ...current, durability: durability ?? current.durability };
    await this.call('modifyTable', (g) => g.modifyTable(Buffer.from(fullName, 'utf8'), merged), {
      table: fullName,
    });
  }

  /**
   * Deletes a column family and every cell in it. Thrift2 gateway only: on Thrift1
   * `NotSupportedError`, nothing sent.
   */
  async deleteColumnFamily(table: string, family: string): Promise<void> {
    const fullName = Buffer.from(this.prefixedName(table), 'utf8');
    const [spec] = toFamilySpecs({ [requireString(family, 'family')]: {} });
    await this.call('deleteColumnFamily', (g) => g.deleteFamily(fullName, spec!.name), { table: fullName });
  }

  /**
   * Creates a namespace (tables in it are named `namespace:table`), with optional configuration
   * such as quotas (`hbase.namespace.quota.maxtables`). Namespaces take no table prefix. Thrift2
   * gateway only: on Thrift1 `NotSupportedError`, nothing sent.
   */
  async createNamespace(name: string, configuration: Record<string, string> = {}): Promise<void> {
    const namespace = { name: requireNamespace(name), configuration: toConfiguration(configuration) };
    await this.call('createNamespace', (g) => g.createNamespace(namespace));
  }

  /**
   * Replaces a namespace's configuration with `configuration` (keys left out are removed). Thrift2
   * gateway only: on Thrift1 `NotSupportedError`, nothing sent.
   */
  async modifyNamespace(name: string, configuration: Record<string, string>): Promise<void> {
    const namespace = { name: requireNamespace(name), configuration: toConfiguration(configuration) };
    await this.call('modifyNamespace', (g) => g.modifyNamespace(namespace));
  }

  /** Deletes an (empty) namespace. Thrift2 gateway only: on Thrift1 `NotSupportedError`. */
  async deleteNamespace(name: string): Promise<void> {
    const namespace = requireNamespace(name);
    await this.call('deleteNamespace', (g) => g.deleteNamespace(namespace));
  }

  /**
   * The names of every namespace (`default` and `hbase` included). Thrift2 gateway only: on
   * Thrift1 `NotSupportedError`.
   */
  async namespaces(): Promise<string[]> {
    return this.call('listNamespaces', (g) => g.namespaceNames());
  }

  /**
   * A namespace and its configuration; a missing one rejects with `IOError`
   * (`NamespaceNotFoundException`). Thrift2 gateway only: on Thrift1 `NotSupportedError`.
   */
  async namespace(name: string): Promise<NamespaceDescriptor> {
    const namespace = requireNamespace(name);
    return this.call('getNamespaceDescriptor', (g) => g.namespace(namespace));
  }

  /** Refuses, on a Thrift1 gateway, a feature that takes several calls (before the first one). */
  async #requireThrift2(feature: string): Promise<void> {
    if ((await this.gatewayKind()) === 'thrift1') throw withCallerStack(thrift2Only(feature));
  }

  /**
   * Deletes a table. HBase only deletes disabled tables: pass `disable: true` to disable it first.
   */
  async deleteTable(name: string, options?: { disable?: boolean }): Promise<void> {
    const o = requireOptions(options, 'options', ['disable']);
    const disable = optionalBoolean(o.disable, 'options.disable') ?? false;
    const fullName = Buffer.from(this.prefixedName(name), 'utf8');
    const details = { table: fullName };
    if (disable && (await this.call('isTableEnabled', (g) => g.isTableEnabled(fullName), details))) {
      await this.call('disableTable', (g) => g.disableTable(fullName), details);
    }
    await this.call('deleteTable', (g) => g.deleteTable(fullName), details);
  }

  /**
   * Checks that the gateway answers: one cheap round trip (`getThriftServerType`, which both
   * gateway APIs serve), under the connection's timeouts and retry policy. Resolves with the
   * milliseconds it took; rejects as any call would (`ConnectionFailedError`, `TimeoutError`...).
   * A connection that is not open yet opens first, and that time counts in the latency.
   *
   * @example
   * ```ts
   * const latency = await connection.ping();
   * ```
   */
  async ping(): Promise<number> {
    const started = performance.now();
    await this.call('getThriftServerType', (g) => answered(g.serverType()));
    return performance.now() - started;
  }

  /** Enables (brings on-line) a table. */
  async enableTable(name: string): Promise<void> {
    const fullName = Buffer.from(this.prefixedName(name), 'utf8');
    await this.call('enableTable', (g) => g.enableTable(fullName), { table: fullName });
  }

  /** Disables (takes off-line) a table. */
  async disableTable(name: string): Promise<void> {
    const fullName = Buffer.from(this.prefixedName(name), 'utf8');
    await this.call('disableTable', (g) => g.disableTable(fullName), { table: fullName });
  }

  /**
   * Whether a table is enabled. A table that does not exist is a `TableNotFoundError` (HBase 2
   * gateways, both APIs; older Thrift1 gateways answer `true`: check `tables()` when existence
   * matters there).
   */
  async isTableEnabled(name: string): Promise<boolean> {
    const fullName = Buffer.from(this.prefixedName(name), 'utf8');
    return this.call('isTableEnabled', (g) => g.isTableEnabled(fullName), { table: fullName });
  }

  /** Requests a (minor, or with `major: true` major) compaction; HBase runs it in the background. */
  async compactTable(name: string, options?: { major?: boolean }): Promise<void> {
    const o = requireOptions(options, 'options', ['major']);
    const major = optionalBoolean(o.major, 'options.major') ?? false;
    const fullName = Buffer.from(this.prefixedName(name), 'utf8');
    await this.call(major ? 'majorCompact' : 'compact', (g) => g.compact(fullName, major), {
      table: fullName,
    });
  }

  /**
   * @internal Runs one gateway call on this connection, opening it first if needed, and retrying
   * it when the `retry` option is on and the method is safe to repeat. Used by Table, Batch and
   * scanners; not part of the public API. `details` describe the call to tracing subscribers
   * (`hbase-mapper:call`); they cost nothing more when nobody subscribes. A `pinned` call
   * (`host:port`) is sent to that gateway only: if only another one can be reached, it rejects
   * with `ConnectionFailedError`, unsent (a scanner id must never reach another gateway).
   */
  call<T>(
    method: string,
    invoke: (gateway: Gateway) => Promise<T>,
    details?: CallDetails,
    pinned?: string,
  ): Promise<T> {
    const { retry, operationTimeout } = this.#options;
    // The common case, with one promise hop only (for the caller's frames in the stack of a failed
    // call): an open socket, no retries, no deadline. Traced, the call is the only attempt.
    const channel = this.#channel;
    if (
      channel?.usable &&
      retry === undefined &&
      operationTimeout === undefined &&
      (pinned === undefined || pinned === this.#gateway)
    ) {
      if (!callsTraced()) return withCallerOnFailure(channel.call(method, invoke));
      const trace = callTraceContext(method, details, 1, this.host, this.port, this.#kind);
      return withCallerOnFailure(callChannel.tracePromise(channel.call, trace, channel, method, invoke));
    }
    return this.#callWithPolicy(method, invoke, details, pinned);
  }

  /** The gateway (`host:port`) the connection points at: its socket's, or the next socket's. */
  get #gateway(): string {
    return `${this.host}:${this.port}`;
  }

  async #callWithPolicy<T>(
    method: string,
    invoke: (gateway: Gateway) => Promise<T>,
    details?: CallDetails,
    pinned?: string,
  ): Promise<T> {
    const { retry, operationTimeout, channel: channelOptions } = this.#options;
    const deadline = operationTimeout === undefined ? undefined : Date.now() + operationTimeout;
    const safe = RETRYABLE_METHODS.has(method);
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline === undefined ? channelOptions.timeout : deadline - Date.now();
      if (remaining <= 0) throw this.#timedOut(method);
      // A failure before the call is sent (connecting, the API question) may be retried whatever
      // the method: the gateway has seen nothing of it.
      let sent = false;
      // Set when only another gateway could be reached: retrying here cannot help (the caller can).
      let pinnedLost = false;
      // Traced, the attempt's context learns the gateway once a socket is had (after a failover).
      let trace: MutableCallTraceContext | undefined;
      const once = async (): Promise<T> => {
        // Opening (connecting, and asking the gateway's API) counts against the deadline too; an
        // opening left behind goes on for the calls that wait for it, and settles on its own.
        const opening = this.#channelForCall(method);
        const channel =
          deadline === undefined
            ? await opening
            : await beforeDeadline(opening, remaining, () => this.#timedOut(method));
        if (trace) Object.assign(trace, { host: this.host, port: this.port, api: this.#kind });
        // A call pinned to a gateway (a scanner's, whose id means nothing elsewhere, or names
        // another scan's scanner) is never sent on a socket that failed over to another one.
        if (pinned !== undefined && pinned !== this.#gateway) {
          pinnedLost = true;
          throw new ConnectionFailedError(
            `${method}: the gateway that holds the call's state is unreachable`,
          );
        }
        const left = deadline === undefined ? channelOptions.timeout : deadline - Date.now();
        if (left <= 0) throw this.#timedOut(method);
        sent = true;
        return await channel.call(method, invoke, Math.min(channelOptions.timeout, left));
      };
      try {
        if (!callsTraced()) return await once();
        trace = callTraceContext(method, details, attempt, this.host, this.port, this.#kind);
        return await callChannel.tracePromise(once, trace);
      } catch (error) {
        const delay = pinnedLost
          ? undefined
          : retryDelay(retry, attempt, error, safe || !sent ? undefined : 1);
        if (delay === undefined) throw withCallerStack(error);
        if (deadline !== undefined && Date.now() + delay >= deadline)
          throw withCallerStack(this.#timedOut(method, error));
        this.#observer.retrying(method, attempt, delay, error);
        await pause(delay);
      }
    }
  }

  /** The error of an operation that ran out of `operationTimeout`, logged as it is made. */
  #timedOut(method: string, cause?: unknown): TimeoutError {
    const timeout = this.#options.operationTimeout!;
    this.#observer.gaveUp(method, timeout);
    return operationTimedOut(method, timeout, cause);
  }

  /** @internal The full (prefixed) name of a table. */
  prefixedName(name: string): string {
    requireString(name, 'name');
    // With a prefix, '' would name the table `prefix_` (as in HappyBase), which is never meant.
    if (name === '') throw new InvalidArgumentError('name', 'a non-empty table name', name);
    const prefix = this.#options.tablePrefix;
    if (prefix === undefined) return requireTableName(name, 'name');
    const colon = name.indexOf(':');
    const lead = prefix + this.#options.tablePrefixSeparator;
    const full = colon < 0 ? lead + name : `${name.slice(0, colon + 1)}${lead}${name.slice(colon + 1)}`;
    return requireTableName(full, 'name', name);
  }

  async #channelForCall(method: string): Promise<ThriftChannel<Gateway>> {
    if (this.#channel?.usable) return this.#channel;
    if (this.#closedByUser || !this.#options.autoConnect) {
      if (!this.#opening) {
        throw new ConnectionClosedError(
          `${method}: the connection is ${this.#closedByUser ? 'closed' : 'not open'}; call open() first`,
        );
      }
    }
    return this.#ensureChannel();
  }

  #ensureChannel(): Promise<ThriftChannel<Gateway>> {
    if (this.#channel?.usable) return Promise.resolve(this.#channel);
    this.#opening ??= (async () => {
      // A channel that failed (server closed an idle socket, a call timed out) is replaced by a
      // fresh one; the calls that were on it have already been rejected.
      const stale = this.#channel;
      this.#channel = undefined;
      await stale?.close();
      const channel = await this.#openAnyServer();
      if (this.#closedByUser) {
        await channel.close();
        throw new ConnectionClosedError('the connection was closed while it was opening');
      }
      this.#channel = channel;
      this.#observer.opened(channel, this.#options.servers[this.#serverIndex]!, this.#kind!);
      return channel;
    })().finally(() => {
      this.#opening = undefined;
    });
    return this.#opening;
  }

  /**
   * Asks the gateway of a fresh channel which API it serves, and makes the channel speak it. The
   * first answer fixes the connection's API: a later gateway (failover, a fresh socket) that serves
   * the other one is refused with {@link UnsupportedGatewayError}, its channel closed.
   */
  async #adoptGatewayApi(channel: ThriftChannel<Gateway>, gateway: string): Promise<void> {
    let api: GatewayKind;
    try {
      api = await detectGatewayApi(channel);
      this.#kind ??= api;
      if (api !== this.#kind) throw new UnsupportedGatewayError(gateway, api, this.#kind);
    } catch (error) {
      await channel.close();
      throw error;
    }
    if (api === 'thrift2') channel.useApi(THRIFT2_API);
  }

  /**
   * @internal The API this connection speaks: the `api` option, else the one its first gateway
   * answered (opening the connection to ask, if it never opened).
   */
  async gatewayKind(): Promise<GatewayKind> {
    if (this.#kind !== undefined) return this.#kind;
    // Opening the connection under the call policy (retries, deadline), as the first call would;
    // what the opening learnt is all this needs, so nothing more is sent.
    return this.call('getThriftServerType', async (gateway) => gateway.kind);
  }

  /**
   * Opens a channel to the current server, failing over to the next ones in turn — past those that
   * cannot be reached and those that serve another API. With `api: 'auto'` the gateway's API is
   * learnt here, once per socket, before the channel is handed out: calls that arrive meanwhile
   * wait for the opening (one question, however many callers), and calls on the channel
   * afterwards pay nothing for it.
   */
  async #openAnyServer(): Promise<ThriftChannel<Gateway>> {
    const { servers, channel: base } = this.#options;
    const failures: string[] = [];
    const unsupported: UnsupportedGatewayError[] = [];
    for (let tried = 0; tried < servers.length; tried++) {
      const index = (this.#serverIndex + tried) % servers.length;
      const options = { ...base, ...servers[index]! };
      // Until the gateway says otherwise (api: 'auto'), Thrift1: the question is the same in both.
      const api = this.#options.api === 'thrift2' ? THRIFT2_API : THRIFT1_API;
      const channel =
        options.transport === 'http' ? new HttpChannel(options, api) : new SocketChannel(options, api);
      // Each channel reports against its own gateway. Through the observer, never `this`: an open
      // socket must not keep an abandoned Connection alive (see ConnectionObserver).
      const observer = this.#observer;
      const server = servers[index]!;
      channel.onFailure = (error) => observer.channelFailed(error, server, channel);
      try {
        this.#channelOpening = channel;
        try {
          await channel.open();
        } finally {
          this.#channelOpening = undefined;
        }
        if (this.#options.api === 'auto')
          await this.#adoptGatewayApi(channel, `${options.host}:${options.port}`);
        this.#serverIndex = index;
        return channel;
      } catch (error) {
        if (error instanceof UnsupportedGatewayError) unsupported.push(error);
        else if (!(error instanceof ConnectionFailedError)) throw error;
        const next = tried + 1 < servers.length ? servers[(index + 1) % servers.length] : undefined;
        this.#observer.connectFailed(error, servers[index]!, next);
        if (servers.length === 1) throw error;
        failures.push(error.message);
      }
    }
    // Every gateway answered, none with this client's API: that is the error worth reporting.
    if (unsupported.length === servers.length) throw unsupported[0];
    const none = unsupported.length > 0 ? 'no gateway could be used' : 'no gateway could be reached';
    throw new ConnectionFailedError(`${none}: ${failures.join('; ')}`);
  }
}

/** Marks options that `Connection.withResolvedOptions` vouches for; no user object can carry it. */
const RESOLVED = Symbol('resolved connection options');

function isResolved(options: unknown): options is ResolvedConnectionOptions {
  return typeof options === 'object' && options !== null && Object.hasOwn(options, RESOLVED);
}

/** `promise`, or the error `late()` makes if it has not settled within `ms`. */
function beforeDeadline<T>(promise: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), ms);
  });
  // The loser must not surface as an unhandled rejection.
  promise.catch(() => {});
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * A gateway older than `getThriftServerType` (before HBase 2.1) answers it with "unknown method":
 * an answer all the same, which is all a ping asks for.
 */
async function answered(question: Promise<number>): Promise<void> {
  try {
    await question;
  } catch (error) {
    if (!(error instanceof ThriftApplicationError && error.type === UNKNOWN_METHOD)) throw error;
  }
}

function operationTimedOut(method: string, timeoutMs: number, cause?: unknown): TimeoutError {
  const message = `${method}: the operation did not complete within operationTimeout (${timeoutMs} ms)`;
  return new TimeoutError(message, timeoutMs, cause === undefined ? undefined : { cause });
}
