import type { Table } from '../table';
import type { RegionLanes } from './region-lanes';
import { RegionRouter } from './region-router';

/** @internal What a bulk writer learns of its table before it buffers anything. */
export interface TableFacts {
  /** The longest row key the table takes. */
  maxRowKey: number;
}

/**
 * @internal A bulk writer's knowledge of its table: its row key limit and region map, fetched at
 * the first mutation (a failed fetch is tried again at the next), and the map fetched again in the
 * background after a batch failed (regions may have moved or split), while the other batches go on.
 */
export class TableMap {
  readonly #withTable: <T>(fn: (table: Table) => Promise<T>) => Promise<T>;
  readonly #lanes: RegionLanes;
  #facts: TableFacts | undefined;
  #starting: Promise<TableFacts> | undefined;
  #stale = false;
  #refreshing = false;

  constructor(withTable: <T>(fn: (table: Table) => Promise<T>) => Promise<T>, lanes: RegionLanes) {
    this.#withTable = withTable;
    this.#lanes = lanes;
  }

  /** The facts, once they arrived. */
  get facts(): TableFacts | undefined {
    return this.#facts;
  }

  /**
   * Fetches the facts and the region map (once; again after a failure), installing the map in the
   * lanes. `arrived` runs once they are known, `failed` when the fetch failed (before the promise
   * settles either way).
   */
  start(arrived: (facts: TableFacts) => void, failed: (error: unknown) => void): Promise<TableFacts> {
    this.#starting ??= this.#withTable(async (table) => {
      const regions = await table.regions();
      return { regions, facts: { maxRowKey: table.maxRowKey } };
    }).then(
      ({ regions, facts }) => {
        this.#lanes.install(new RegionRouter(regions));
        this.#facts = facts;
        arrived(facts);
        return facts;
      },
      (error: unknown) => {
        this.#starting = undefined;
        failed(error);
        throw error;
      },
    );
    return this.#starting;
  }

  /** An attempt failed: the map is fetched again at the next {@link TableMap.refresh}. */
  markStale(): void {
    this.#stale = true;
  }

  /**
   * Fetches the map again if it is stale and no fetch is under way; `done` runs after it. A new map
   * may move rows between lanes while their batches are in flight: the writer's rows-in-flight
   * rule keeps that safe.
   */
  refresh(done: () => void): void {
    if (!this.#stale || this.#refreshing) return;
    this.#refreshing = true;
    this.#stale = false; // a failure while fetching marks it again
    this.#withTable((table) => table.regions())
      .then(
        (regions) => this.#lanes.install(new RegionRouter(regions)),
        // The map only groups mutations; the gateway routes each one itself. Keep the old one.
        () => undefined,
      )
      .finally(() => {
        this.#refreshing = false;
        done();
      });
  }
}
