import { batchMeter, sentIncrements, sentMutations, startSend } from './batch-progress';
import { type BytesLike, toRowKey } from './bytes';
import { type CellColumn, type ColumnValues, toCellColumn, toColumnList, toColumnValues } from './columns';
import { type Durability, optionalDurability, requireThrift1Durability, writesWal } from './durability';
import { FrameTooLargeError, InvalidArgumentError } from './errors';
import type { CellMutation, RowMutations } from './gateway/row-mutations';
import { ProgressMeter, type ProgressOptions, progressSettings } from './progress';
import type { Table } from './table';
import { rowMutationsSize, splitByFrameSize, splitIncrementsByFrameSize } from './thrift1/mutation-size';
import { thrift2RowMutationsSize } from './thrift2/mutation-size';
import {
  optionalBoolean,
  optionalInteger,
  optionalTimestamp,
  requireInt64,
  requireOptions,
} from './validate';

/**
 * Options of `table.batch()`. With `onProgress`, the batch reports the rows, cells and bytes it has
 * sent after each call (at most every `progressInterval` ms, and always at the end of a `send()`
 * of yours, of the callback form or of `await using`): see {@link Progress}.
 */
export interface BatchOptions extends ProgressOptions {
  /** Timestamp (ms) for every put and delete of the batch. */
  timestamp?: number | bigint;
  /** Send automatically whenever this many mutations (cells) are queued. Not with `transaction`. */
  batchSize?: number;
  /** In the callback form, send nothing if the callback throws. Not with `batchSize`. */
  transaction?: boolean;
  /** Write to the write-ahead log (default `true`); each operation may override it. */
  wal?: boolean;
  /**
   * How the batch's writes reach the write-ahead log (see {@link Durability}); each operation may
   * override it. Not with `wal`.
   */
  durability?: Durability;
}

/** Options of one operation of a batch: they override the batch's. */
export interface BatchWriteOptions {
  /** Write to the write-ahead log. */
  wal?: boolean;
  /** How the write reaches the write-ahead log (see {@link Durability}). Not with `wal`. */
  durability?: Durability;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** One row's pending work: a whole-row/family delete first, then cell mutations. */
interface PendingRow {
  row: Buffer;
  /** Families (or whole row, as `null` = every family) deleted before the cell mutations. */
  familyDeletes: Map<string, CellMutation> | null | undefined;
  /** Last mutation per cell: later writes to the same cell replace earlier ones. */
  cells: Map<string, CellMutation>;
}

/**
 * Mutations collected and sent to the gateway together, like HappyBase's `Batch`, with
 * AIOHappyBase's ordering rules:
 * - the last write to a cell in a batch wins (a put after a delete of the same cell survives, and
 *   the other way round);
 * - on a Thrift1 gateway (`mutateRows`), whole-row and family deletes are sent before the puts of
 *   the same row, because the gateway applies puts before deletes within one call; on a Thrift2
 *   gateway a row's deletes and puts go in one atomic `mutateRow` (in two calls only when a family
 *   delete covers a cell the batch writes after it);
 * - counter increments are summed per cell and sent with `incrementRows` (Thrift2: one `increment`
 *   per row, sent together).
 *
 * Mutation methods are async because a batch with `batchSize` sends as it fills up.
 */
export class Batch {
  readonly #table: Table;
  readonly #timestamp: bigint | undefined;
  readonly #batchSize: number | undefined;
  readonly #transaction: boolean;
  readonly #wal: boolean;
  readonly #durability: Durability | undefined;
  /** The batch's WAL choice, made once: a bulk load's every put uses it. */
  readonly #defaultWal: WalChoice;
  /** A durability queued that a Thrift1 gateway cannot apply (refused when the batch is sent). */
  #thrift2Durability: Durability | undefined;
  #rows = new Map<string, PendingRow>();
  #counters = new Map<string, { row: Buffer; column: Buffer; amount: bigint }>();
  #count = 0;
  /** The connection's frame size limit (framed transport only). */
  readonly #maxFrameSize: number | undefined;
  #families: Promise<string[]> | undefined;
  /** With `onProgress`: the batch's counts, over all its sends. */
  readonly #progress: ProgressMeter | undefined;
  /** Whether the batch makes the final reports (not when it counts into another's meter). */
  readonly #finishesProgress: boolean;
  /** Counting into another's meter: whether this batch's send is that operation's last. */
  readonly #endsProgress: boolean;

  /**
   * @internal Use `table.batch()`. `progress`: a meter the batch counts into and does not finish
   * (the several batches of a repository save share one); `endsProgress`: this batch's send is the
   * last work of that meter's operation, whose final report follows it (so its last call does not
   * report the same counts first).
   */
  constructor(table: Table, options?: BatchOptions, progress?: ProgressMeter, endsProgress = false) {
    const o = requireOptions(options, 'options', [
      'timestamp',
      'batchSize',
      'transaction',
      'wal',
      'durability',
      'onProgress',
      'progressInterval',
    ]);
    this.#table = table;
    this.#maxFrameSize = table.connection.maxFrameSize;
    this.#timestamp = optionalTimestamp(o.timestamp, 'options.timestamp');
    this.#batchSize = optionalInteger(o.batchSize, 'options.batchSize', 1);
    this.#transaction = optionalBoolean(o.transaction, 'options.transaction') ?? false;
    this.#durability = optionalDurability(o.durability, 'options.durability', o.wal);
    this.#wal = writesWal(this.#durability, optionalBoolean(o.wal, 'options.wal') ?? true);
    this.#defaultWal = { wal: this.#wal, durability: this.#durability };
    const settings = progressSettings(o);
    this.#progress = batchMeter(progress ?? (settings && new ProgressMeter('batch', settings)));
    this.#finishesProgress = progress === undefined;
    this.#endsProgress = endsProgress;
    if (this.#transaction && this.#batchSize !== undefined) {
      throw new InvalidArgumentError(
        'options.batchSize',
        'no batchSize together with transaction: true',
        this.#batchSize,
      );
    }
  }

  /** Mutations (cells, family deletes, counters) queued and not sent yet. */
  get size(): number {
    return this.#count;
  }

  /** Queues cell writes to a row. */
  async put(row: BytesLike, data: ColumnValues, options?: BatchWriteOptions): Promise<void> {
    const key = toRowKey(row, 'row', this.#table.maxRowKey);
    const pairs = toColumnValues(data, 'data');
    const { wal, durability } = options === undefined ? this.#defaultWal : this.#walOption(options);
    const pending = this.#pendingRow(key);
    for (const [column, value] of pairs) {
      const mutation: CellMutation = { isDelete: false, column: column.bytes, value, writeToWAL: wal };
      if (durability !== undefined) mutation.durability = durability;
      this.#setCell(pending, column.id, mutation);
    }
    if (this.#batchSize !== undefined && this.#count >= this.#batchSize) await this.#send(false);
  }

  /**
   * Queues a delete of a whole row, or of the given families (`cf`) and cells (`cf:qualifier`).
   * With the batch's timestamp, only versions at or before it are deleted.
   */
  async delete(row: BytesLike, options?: BatchWriteOptions & { columns?: BytesLike[] }): Promise<void> {
    const key = toRowKey(row, 'row', this.#table.maxRowKey);
    const o = requireOptions(options, 'options', ['columns', 'wal', 'durability']);
    const columns = toColumnList(o.columns, 'options.columns');
    const wal = this.#walOption({ wal: o.wal, durability: o.durability });
    const pending = this.#pendingRow(key);
    if (columns === undefined) {
      // A later whole-row delete supersedes everything queued for the row so far.
      this.#count -= pending.cells.size + (pending.familyDeletes?.size ?? 0);
      pending.cells.clear();
      pending.familyDeletes = null;
      this.#walForRowDelete.set(key.toString('latin1'), wal);
      this.#count += 1;
    } else {
      for (const column of columns) {
        // "cf" names a family; "cf:" is the cell with an empty qualifier, as in HappyBase.
        if (!column.includes(0x3a)) {
          this.#deleteFamily(pending, column, wal);
        } else {
          this.#setCell(pending, column.toString('latin1'), deleteMutation(column, wal));
        }
      }
    }
    await this.#sendIfFull();
  }

  /**
   * Queues a counter increment; increments of the same cell are summed and sent as one. An
   * increment that would take the sum beyond a signed 64-bit integer is refused here
   * (`InvalidArgumentError` for `value`), before anything is sent, and is not queued.
   */
  async counterInc(row: BytesLike, column: BytesLike, value: number | bigint = 1): Promise<void> {
    const key = toRowKey(row, 'row', this.#table.maxRowKey);
    const columnBytes = toCellColumn(column, 'column');
    const amount = requireInt64(value, 'value');
    // The row's length keeps the id unambiguous (any byte may appear in either part).
    const id = `${key.length}:${key.toString('latin1')}${columnBytes.toString('latin1')}`;
    const existing = this.#counters.get(id);
    // The sum is sent as one int64: refuse the increment that would overflow it now, while nothing
    // has been sent, rather than fail in send() after the puts of the batch went out.
    const sum = (existing?.amount ?? 0n) + amount;
    if (sum < INT64_MIN || sum > INT64_MAX) {
      throw new InvalidArgumentError(
        'value',
        `an amount that keeps this cell's summed increment within a signed 64-bit integer (${existing?.amount ?? 0n} queued so far)`,
        value,
      );
    }
    if (existing) existing.amount = sum;
    else {
      this.#counters.set(id, { row: key, column: columnBytes, amount });
      this.#count++;
    }
    await this.#sendIfFull();
  }

  /** Queues a counter decrement (see {@link Batch.counterInc}). */
  async counterDec(row: BytesLike, column: BytesLike, value: number | bigint = 1): Promise<void> {
    return this.counterInc(row, column, -requireInt64(value, 'value'));
  }

  /**
   * Sends everything queued. The queue is emptied first, so mutations queued while the send is in
   * flight go with the next send. When the send fails, the mutations are not re-queued: the
   * gateway may have applied part of them.
   */
  send(): Promise<void> {
    return this.#send(true);
  }

  /**
   * `asked`: a send asked for (not one that `batchSize` triggers), which makes the final report
   * (`done`) of a batch with a meter of its own — if anything was sent since the last final report:
   * a send with nothing to send (a second `send()`, the one after the callback or the `await using`
   * block) reports nothing.
   */
  async #send(asked: boolean): Promise<void> {
    const progress = this.#progress;
    const own = this.#finishesProgress;
    const final = asked && own;
    // The send whose last call a final report follows: that call makes no report of its own.
    const ending = asked && (own || this.#endsProgress);
    if (this.#count === 0) {
      if (final && progress?.sentSinceFinish) progress.finish();
      return;
    }
    // Everything that may fail before a mutation is sent comes first, the batch left as it is:
    // the gateway's API (opening the connection), the durability it allows, the table's families.
    const kind = await this.#table.connection.gatewayKind();
    const durability = this.#thrift2Durability ?? thrift2OnlyDurability(this.#durability);
    if (durability !== undefined && kind === 'thrift1') requireThrift1Durability(durability, 'durability');
    const hasRowDeletes = [...this.#rows.values()].some((r) => r.familyDeletes === null);
    const allFamilies = hasRowDeletes ? await this.#familyNames() : [];
    this.#thrift2Durability = undefined;
    const rows = [...this.#rows.values()];
    const counters = [...this.#counters.values()];
    const walForRowDelete = this.#walForRowDelete;
    this.#rows = new Map();
    this.#counters = new Map();
    this.#walForRowDelete = new Map();
    this.#count = 0;

    const deletes: RowMutations[] = [];
    const deletedRows = new Set<string>();
    const writes: RowMutations[] = [];
    // Thrift2 applies a row's deletes and puts in one atomic call (mutateRow).
    const atomicRows = kind === 'thrift2';
    for (const pending of rows) {
      let familyMutations: CellMutation[] = [];
      if (pending.familyDeletes === null) {
        const wal = walForRowDelete.get(pending.row.toString('latin1')) ?? this.#defaultWal;
        familyMutations = allFamilies.map((family) => deleteMutation(Buffer.from(family, 'utf8'), wal));
      } else if (pending.familyDeletes) {
        familyMutations = [...pending.familyDeletes.values()];
      }
      const cells = [...pending.cells.values()];
      if (atomicRows && !rewritesDeletedFamily(familyMutations, cells)) {
        // One call applies both; the family deletes cover no cell written after them (a delete
        // masks the puts of its own millisecond, and one call stamps all with the same).
        const mutations = [...familyMutations, ...cells];
        if (mutations.length > 0) writes.push({ row: pending.row, mutations });
        continue;
      }
      if (familyMutations.length > 0) deletedRows.add(pending.row.toString('latin1'));
      if (familyMutations.length > 0) deletes.push({ row: pending.row, mutations: familyMutations });
      if (cells.length > 0) writes.push({ row: pending.row, mutations: cells });
    }
    const { nameBytes } = this.#table;
    const sizeOf = atomicRows ? thrift2RowMutationsSize : rowMutationsSize;
    // With the framed transport, calls must fit the gateway's frame size. When deletes go first,
    // the writes are split now, so that a row too large for any call is refused before anything
    // is sent; so they are on Thrift2, which sends a batch's rows in several calls at once
    // (putMultiple, deleteMultiple, mutateRow): a refused one could not be split after the others
    // went out. Otherwise only a write call found too large is split (see #sendWrites).
    // With onProgress, the writes are split now too: the send's number of calls is then known.
    const deleteCalls = splitByFrameSize(deletes, nameBytes, this.#maxFrameSize, sizeOf);
    const writeCalls =
      deletes.length > 0 || atomicRows || progress !== undefined
        ? splitByFrameSize(writes, nameBytes, this.#maxFrameSize, sizeOf)
        : undefined;
    const nonZero = counters.filter((c) => c.amount !== 0n);
    // Counters go last, split like the writes so that no call can exceed the frame size after the
    // writes were applied.
    const counterCalls = splitIncrementsByFrameSize(nonZero, nameBytes, this.#maxFrameSize);
    let callsLeft = deleteCalls.length + (writeCalls?.length ?? 0) + counterCalls.length;
    if (progress && own) startSend(progress, callsLeft);
    // Family deletes go in their own, earlier call: within one call the gateway applies puts
    // first, so a put that follows a row delete in the batch would otherwise be deleted.
    for (const call of deleteCalls) {
      await this.#mutateRows(call);
      if (progress) sentMutations(progress, call, --callsLeft === 0 && ending);
    }
    if (deletes.length > 0 && writes.some((w) => deletedRows.has(w.row.toString('latin1')))) {
      // Without explicit timestamps the region server stamps both calls with its millisecond
      // clock, and a delete masks puts with the same timestamp. Waiting past the millisecond the
      // delete was applied in guarantees that the puts which follow it in the batch survive.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    if (writeCalls === undefined) {
      if (writes.length > 0) await this.#sendWrites(writes);
    } else {
      for (const call of writeCalls) {
        await this.#mutateRows(call);
        if (progress) sentMutations(progress, call, --callsLeft === 0 && ending);
      }
    }
    for (const group of counterCalls) {
      await this.#table.connection.call('incrementRows', (g) => g.incrementMany(nameBytes, group), {
        table: nameBytes,
        increments: group,
      });
      if (progress) sentIncrements(progress, group, --callsLeft === 0 && ending);
    }
    if (final) progress?.finish();
  }

  /** Sends what is queued at the end of an `await using` block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.send();
  }

  /** @internal The callback form of `table.batch(options, fn)`. */
  async run<T>(fn: (batch: Batch) => Promise<T> | T): Promise<T> {
    let result: T;
    try {
      result = await fn(this);
    } catch (error) {
      if (!this.#transaction) await this.send();
      throw error;
    }
    await this.send();
    return result;
  }

  #walForRowDelete = new Map<string, WalChoice>();

  /** One operation's WAL options, else the batch's; remembers a durability Thrift1 lacks. */
  #walOption(options: unknown): WalChoice {
    const o = requireOptions(options, 'options', ['wal', 'durability']);
    const durability = optionalDurability(o.durability, 'options.durability', o.wal);
    const wal = optionalBoolean(o.wal, 'options.wal');
    if (durability === undefined && wal === undefined) return this.#defaultWal;
    this.#thrift2Durability ??= thrift2OnlyDurability(durability);
    return { wal: writesWal(durability, wal ?? true), durability };
  }

  #pendingRow(key: Buffer): PendingRow {
    const id = key.toString('latin1');
    let pending = this.#rows.get(id);
    if (!pending) {
      pending = { row: key, familyDeletes: undefined, cells: new Map() };
      this.#rows.set(id, pending);
    }
    return pending;
  }

  /** Queues a cell mutation; `id` is the column's bytes as latin1 (see {@link CellColumn}). */
  #setCell(pending: PendingRow, id: string, mutation: CellMutation): void {
    if (!pending.cells.has(id)) this.#count++;
    pending.cells.set(id, mutation);
  }

  #deleteFamily(pending: PendingRow, family: Buffer, wal: WalChoice): void {
    if (pending.familyDeletes === null) return; // the whole row is deleted already
    // Cells of the family queued earlier are superseded by the family delete.
    const prefix = Buffer.concat([family, Buffer.from(':')]).toString('latin1');
    for (const id of [...pending.cells.keys()]) {
      if (id.startsWith(prefix)) {
        pending.cells.delete(id);
        this.#count--;
      }
    }
    pending.familyDeletes ??= new Map();
    const id = family.toString('latin1');
    if (!pending.familyDeletes.has(id)) this.#count++;
    pending.familyDeletes.set(id, deleteMutation(family, wal));
  }

  async #sendIfFull(): Promise<void> {
    if (this.#batchSize !== undefined && this.#count >= this.#batchSize) await this.#send(false);
  }

  #familyNames(): Promise<string[]> {
    // Fetched once per batch: a whole-row delete becomes one delete per family.
    // A failed fetch is not kept: the next send asks again.
    this.#families ??= this.#table.columnFamilyNames().catch((error: unknown) => {
      this.#families = undefined;
      throw error;
    });
    return this.#families;
  }

  /**
   * Sends rows of cell mutations in one call or, when that call is larger than the frame size
   * (refused before it was sent), in calls that fit. Splitting only then keeps a batch's common
   * path free of a walk over its rows. Both are plain promise chains, not an async function with
   * a try/catch: either made V8 deoptimize and recompile `put` and `send` over and over (a framed
   * bulk load took twice the client CPU and 25 MB more memory, measured with bench/).
   */
  #sendWrites(rows: RowMutations[]): Promise<void> {
    return this.#mutateRows(rows).catch((error: unknown) => this.#splitRefused(error, rows));
  }

  async #splitRefused(error: unknown, rows: RowMutations[]): Promise<void> {
    if (!(error instanceof FrameTooLargeError) || rows.length === 1) throw error;
    for (const call of splitByFrameSize(rows, this.#table.nameBytes, this.#maxFrameSize)) {
      await this.#mutateRows(call);
    }
  }

  #mutateRows(rows: RowMutations[]): Promise<void> {
    const { connection, nameBytes } = this.#table;
    const timestamp = this.#timestamp;
    // Thrift1: one row goes as mutateRow (see FastHbaseClient.sendMutations); a call's mutations
    // are on distinct cells (family deletes travel in their own call), so it does not matter that
    // mutateRow applies deletes before puts and mutateRows after them. Thrift2: see Thrift2Gateway.
    return connection.call('mutateRows', (g) => g.mutateRows(nameBytes, rows, timestamp), {
      table: nameBytes,
      mutations: rows,
    });
  }
}

/** Whether a row's family deletes cover a cell it writes (a put in a deleted family). */
function rewritesDeletedFamily(
  familyDeletes: readonly CellMutation[],
  cells: readonly CellMutation[],
): boolean {
  if (familyDeletes.length === 0) return false;
  const families = new Set(familyDeletes.map((d) => d.column.toString('latin1')));
  return cells.some((cell) => {
    const column = cell.column.toString('latin1');
    return !cell.isDelete && families.has(column.slice(0, column.indexOf(':')));
  });
}

/** The durability when a Thrift1 gateway cannot apply it (its WAL flag says skipWal or syncWal only). */
function thrift2OnlyDurability(durability: Durability | undefined): Durability | undefined {
  return durability === 'skipWal' || durability === 'syncWal' ? undefined : durability;
}

/** How one write goes to the write-ahead log: the flag, and the durability when one was asked. */
interface WalChoice {
  wal: boolean;
  durability: Durability | undefined;
}

/** A delete mutation: the gateway ignores the value, so none is sent. */
function deleteMutation(column: Buffer, { wal, durability }: WalChoice): CellMutation {
  const mutation: CellMutation = { isDelete: true, column, writeToWAL: wal };
  if (durability !== undefined) mutation.durability = durability;
  return mutation;
}
