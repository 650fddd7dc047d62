/**
 * Declares, for the compiler, which fields make up an entity's row key, so that repositories type
 * their keys: a property name for a single-field key, a tuple of names in part order for a
 * composite key. Declare it with `declare` (nothing is emitted, instances stay as they are): it
 * exists for the compiler only, and `@RowKey` stays what the mapper reads at run time, so keep
 * the two in agreement.
 *
 * Without this declaration, keys are checked loosely: any value of one of the entity's fields, or
 * an object of its fields.
 *
 * @example
 * ```ts
 * @Entity({ table: 'events', families: { e: {} } })
 * class UserEvent {
 *   declare [RowKeyFields]?: ['userId', 'at'];
 *   @RowKey({ part: 0, codec: utf8Key }) userId!: string;
 *   @RowKey({ part: 1, codec: descending(sortableInt64) }) at!: bigint;
 * }
 * const events = new Repository(UserEvent, pool);
 * await events.findOne({ userId: 'ada', at: 17n }); // or ['ada', 17n]
 * ```
 */
export const RowKeyFields: unique symbol = Symbol.for('hbase-mapper.row-key-fields');
