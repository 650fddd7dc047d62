import type { BulkWriteError } from '../../client/bulk/bulk-write-error';
import { complementRanges, type IndexRange, rangesSize } from '../../client/bulk/index-ranges';
import { HBaseError } from '../../client/errors/hbase-error';

/**
 * `Repository.saveAll()` stopped because its bulk writer failed (see {@link BulkWriteError},
 * its `cause`, for the figures by mutation). This error gives them by entity: indices count the
 * entities taken from the iterable, from 0, in order. An entity is saved when every one of its
 * mutations is known written; the others of those begun are in `notKnownSaved`, what a re-run
 * must save again.
 *
 * When reading the entities had failed too (an invalid entity, a hook that threw), that error is
 * `entityError`: the writer's failure is the one reported, since it loses data already accepted.
 * The message gives counts only.
 */
export class SaveAllError extends HBaseError {
  /** Entities begun: taken from the iterable, with at least one mutation offered to the writer. */
  readonly entities: number;
  /** Entities whose every mutation is known written. */
  readonly saved: number;
  /** The indices of the saved entities. */
  readonly savedRanges: readonly IndexRange[];
  /** The indices of the entities begun and not known saved: what a re-run must save again. */
  readonly notKnownSaved: readonly IndexRange[];
  /** The error that stopped reading the entities, when there was one besides the writer's. */
  readonly entityError: unknown;
  /** The bulk writer's error, with the figures by mutation. */
  declare readonly cause: BulkWriteError;

  /** @internal Made by `saveAll()`. */
  constructor(
    writeError: BulkWriteError,
    entities: number,
    notKnownSaved: readonly IndexRange[],
    entityError?: unknown,
  ) {
    const savedRanges = complementRanges(notKnownSaved, entities);
    const saved = rangesSize(savedRanges);
    super(
      `saveAll stopped by a failed bulk write${entityError === undefined ? '' : ' (and an entity error)'}: ` +
        `of ${entities} entities begun, ${saved} saved, ${entities - saved} not known saved`,
      { cause: writeError },
    );
    this.entities = entities;
    this.saved = saved;
    this.savedRanges = Object.freeze(savedRanges);
    this.notKnownSaved = Object.freeze([...notKnownSaved]);
    this.entityError = entityError;
  }
}
