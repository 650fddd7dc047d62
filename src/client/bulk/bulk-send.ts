import { Batch } from '../batch';
import type { CellMutation, RowMutations } from '../gateway/row-mutations';
import { sendPutRows } from '../put-rows';
import { pause, retryDelay } from '../retry-delay';
import type { RetryPolicy } from '../retry-policy';
import type { Table } from '../table';
import type { BulkOp } from './bulk-mutation';
import type { BulkWriterSettings } from './bulk-writer-options';

/** @internal What a {@link BulkSender} needs of its writer. */
export interface BulkSendHooks {
  /** Runs `fn` on a connection of the writer's source (a lease, or the block's connection). */
  withTable<T>(fn: (table: Table) => Promise<T>): Promise<T>;
  /** An attempt failed (retried or not): regions may have moved. */
  attemptFailed(): void;
  /** A failed attempt is retried. */
  retrying(): void;
}

/**
 * @internal Sends a bulk writer's batches: one call per timestamp, split to the frame size, with
 * the retries the settings allow.
 */
export class BulkSender {
  readonly #settings: BulkWriterSettings;
  readonly #events: BulkSendHooks;

  constructor(settings: BulkWriterSettings, hooks: BulkSendHooks) {
    this.#settings = settings;
    this.#events = hooks;
  }

  /**
   * Sends one batch; a retryable failure of a batch whose every mutation carries an explicit
   * timestamp is retried (on a new lease: another connection, possibly another gateway) under
   * the retry policy, after a backoff.
   */
  async send(ops: BulkOp[], repeats: boolean): Promise<void> {
    const timestamped =
      this.#settings.timestamp !== undefined || ops.every((op) => op.timestamp !== undefined);
    for (let attempt = 1; ; attempt++) {
      let policy: RetryPolicy | null | undefined = this.#settings.retry;
      try {
        await this.#events.withTable((table) => {
          policy ??= table.connection.retryPolicy ?? null;
          return this.#send(table, ops, repeats);
        });
        return;
      } catch (error) {
        // Regions may have moved or split: the writer refreshes its map.
        this.#events.attemptFailed();
        // The connection's rule (retry-delay.ts), for a batch only when it may be repeated.
        const delay = timestamped ? retryDelay(policy ?? undefined, attempt, error) : undefined;
        if (delay === undefined) throw error;
        this.#events.retrying();
        await pause(delay);
      }
    }
  }

  /**
   * Sends mutations through `table.batch()`'s machinery (its ordering rules, its frame-size
   * splitting, both gateway APIs): one batch per timestamp, since a call carries one.
   */
  async #send(table: Table, ops: BulkOp[], repeats: boolean): Promise<void> {
    const { wal, durability } = this.#settings;
    if (!repeats && durability === undefined && ops.every((op) => !op.isDelete)) {
      return this.#sendPuts(table, ops, wal ?? true);
    }
    const byTimestamp = new Map<bigint | undefined, BulkOp[]>();
    for (const op of ops) {
      const timestamp = op.timestamp ?? this.#settings.timestamp;
      const group = byTimestamp.get(timestamp);
      if (group) group.push(op);
      else byTimestamp.set(timestamp, [op]);
    }
    for (const [timestamp, group] of byTimestamp) {
      const options: Record<string, unknown> = {};
      if (timestamp !== undefined) options.timestamp = timestamp;
      if (wal !== undefined) options.wal = wal;
      if (durability !== undefined) options.durability = durability;
      const batch = new Batch(table, options);
      // Validated when buffered, so these resolve at once (no batchSize: nothing is sent yet);
      // not awaited one by one, which would cost a turn of the microtask queue per mutation.
      const queued: Promise<void>[] = [];
      for (const op of group) {
        queued.push(
          op.isDelete
            ? batch.delete(op.row, op.columns ? { columns: op.columns } : undefined)
            : batch.put(op.row, op.data!),
        );
      }
      await Promise.all(queued);
      await batch.send();
      if (timestamp === undefined && group.some((op) => op.isDelete)) {
        // The lane's next batch may put to a row this one deleted, at the server's time: a delete
        // masks the puts of its own millisecond, so the lane waits past it (as table.batch() does).
        await pause(2);
      }
    }
  }

  /**
   * The common case, puts only, each row once, no durability: the rows' mutations are built here
   * and sent as `table.batch()` sends them (`sendPutRows`: split to the frame size), without a
   * Batch's per-cell bookkeeping, which a load pays on every row. One call per timestamp.
   */
  async #sendPuts(table: Table, ops: BulkOp[], wal: boolean): Promise<void> {
    const byTimestamp = new Map<bigint | undefined, RowMutations[]>();
    for (const op of ops) {
      if (op.cells === 0) continue;
      const mutations: CellMutation[] = [];
      for (const [column, value] of op.data!)
        mutations.push({ isDelete: false, column, value, writeToWAL: wal });
      const timestamp = op.timestamp ?? this.#settings.timestamp;
      const group = byTimestamp.get(timestamp);
      if (group) group.push({ row: op.row, mutations });
      else byTimestamp.set(timestamp, [{ row: op.row, mutations }]);
    }
    for (const [timestamp, rows] of byTimestamp) await sendPutRows(table, rows, timestamp);
  }
}
