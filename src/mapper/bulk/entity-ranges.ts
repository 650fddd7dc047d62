import type { IndexRange } from '../../client/bulk/index-ranges';
import { toIndexRanges } from '../../client/bulk/index-ranges';

/**
 * @internal Where each entity's mutations are in a bulk writer's numbering: an entity makes 0 to
 * 3+ mutations (a delete of its `null` fields, a put of its cells, a put per history), so the
 * writer's mutation indices are mapped back to entity indices through this.
 */
export class EntityMutations {
  /** The first mutation index of each entity begun, by entity index. */
  readonly #starts: number[] = [];
  #accepted = 0;
  /** The last entity begun did not have all its mutations accepted. */
  #interrupted = false;

  /** An entity begins: its mutations are those accepted from now until the next begins. */
  begin(): void {
    this.#starts.push(this.#accepted);
    this.#interrupted = true;
  }

  /** One mutation of the current entity was accepted by the writer. */
  accepted(): void {
    this.#accepted++;
  }

  /** Every mutation of the current entity was accepted. */
  end(): void {
    this.#interrupted = false;
  }

  /** Entities begun. */
  get begun(): number {
    return this.#starts.length;
  }

  /**
   * The entity indices with a mutation in `notKnownWritten` (sorted, merged mutation ranges), and
   * the entity whose mutations were not all accepted: those a re-run must save again.
   */
  notKnownSaved(notKnownWritten: readonly IndexRange[]): IndexRange[] {
    const starts = this.#starts;
    const entities: number[] = [];
    let k = 0;
    for (let j = 0; j < starts.length; j++) {
      const start = starts[j]!;
      const end = starts[j + 1] ?? this.#accepted;
      while (k < notKnownWritten.length && notKnownWritten[k]!.end <= start) k++;
      const overlaps = k < notKnownWritten.length && end > start && notKnownWritten[k]!.start < end;
      if (overlaps || (this.#interrupted && j === starts.length - 1)) entities.push(j);
    }
    return toIndexRanges(entities);
  }
}
