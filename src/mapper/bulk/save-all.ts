import { BulkWriteError } from '../../client/bulk/bulk-write-error';
import { bulkWriter } from '../../client/bulk/bulk-writer';
import { BULK_WRITER_OPTION_NAMES, type BulkWriterOptions } from '../../client/bulk/bulk-writer-options';
import { InvalidArgumentError } from '../../client/errors';
import { requireOptions } from '../../client/validate';
import type { ConnectionSource } from '../connection-source';
import { entityWrites } from '../entity-mapping';
import { indexesOf } from '../indexes/index-metadata';
import type { ValidateOption } from '../lifecycle/entity-validation';
import { prepareSave } from '../lifecycle/prepare-writes';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { EntityMutations } from './entity-ranges';
import { SaveAllError } from './save-all-error';

/**
 * Options of `Repository.saveAll()`: those of the bulk writer it uses (see
 * {@link BulkWriterOptions}; `parallel` batches in flight over the pool), and `validate` as for
 * `save()`.
 */
export interface SaveAllOptions extends BulkWriterOptions {
  /** Validate each entity with class-validator before it is written (as `save()`'s `validate`). */
  validate?: ValidateOption;
}

/**
 * @internal `Repository.saveAll`: each entity goes through `save()`'s hooks, validation and
 * encoding, then into a bulk writer as a delete of its `null` fields, a put of its cells and puts
 * of its histories at their timestamps. Entities with indexes or a version column are refused:
 * their writes need reads or checks per entity, which `save()` makes.
 */
export async function saveAll(
  meta: EntityMetadata,
  source: ConnectionSource,
  entities: unknown,
  repositoryValidate: ValidateOption | undefined,
  options: unknown,
): Promise<number> {
  const o = requireOptions(options, 'options', [...BULK_WRITER_OPTION_NAMES, 'validate']);
  const iterable = entities as Partial<Iterable<unknown> & AsyncIterable<unknown>> | null;
  if (
    typeof iterable !== 'object' ||
    iterable === null ||
    (typeof iterable[Symbol.iterator] !== 'function' && typeof iterable[Symbol.asyncIterator] !== 'function')
  ) {
    throw new InvalidArgumentError(
      'entities',
      `an array, iterable or async iterable of ${meta.name}`,
      entities,
    );
  }
  if (meta.versionColumn !== undefined || indexesOf(meta).length > 0) {
    throw new InvalidArgumentError(
      'entities',
      `entities without @VersionColumn or @Index (use save() for ${meta.name})`,
      entities,
    );
  }
  const writerOptions: Record<string, unknown> = {};
  for (const name of BULK_WRITER_OPTION_NAMES) if (o[name] !== undefined) writerOptions[name] = o[name];
  const writer = bulkWriter(source, meta.table, writerOptions as BulkWriterOptions);
  // The writer numbers mutations; its error is told by entity through this.
  const mutations = new EntityMutations();
  let i = 0;
  try {
    for await (const entity of iterable as AsyncIterable<unknown>) {
      const argument = `entities[${i}]`;
      if (typeof entity !== 'object' || entity === null) {
        throw new InvalidArgumentError(argument, `a ${meta.name}`, entity);
      }
      await prepareSave(meta, entity, repositoryValidate, o.validate);
      const w = entityWrites(meta, entity as Record<string, unknown>, argument);
      mutations.begin();
      if (w.deletes.length > 0) {
        await writer.delete(w.key, { columns: w.deletes });
        mutations.accepted();
      }
      if (w.puts.size > 0) {
        await writer.put(w.key, w.puts);
        mutations.accepted();
      }
      for (const t of w.timed) {
        await writer.put(w.key, new Map([[t.column, t.value]]), { timestamp: t.timestamp });
        mutations.accepted();
      }
      mutations.end();
      i++;
    }
  } catch (error) {
    // What was accepted is still written; if that fails too, both are reported (SaveAllError,
    // the entity's error as its `entityError`): neither hides the other.
    const closed = await writer.close().then(
      () => undefined,
      (e: unknown) => e,
    );
    if (closed instanceof BulkWriteError) {
      throw new SaveAllError(
        closed,
        mutations.begun,
        mutations.notKnownSaved(closed.notKnownWritten),
        error === closed ? undefined : error,
      );
    }
    throw error;
  }
  try {
    await writer.close();
  } catch (error) {
    if (!(error instanceof BulkWriteError)) throw error;
    throw new SaveAllError(error, mutations.begun, mutations.notKnownSaved(error.notKnownWritten));
  }
  return i;
}
