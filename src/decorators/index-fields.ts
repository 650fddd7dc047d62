/**
 * Declares, for the compiler, an entity's indexes and their fields, so that `repository.index()`
 * accepts only those names and types their lookup values: an index of one field takes that
 * field's values, an index of several takes tuples of leading values. Declare it with `declare`
 * (nothing is emitted): `@Index` stays what the mapper reads at run time, so keep the two in
 * agreement.
 *
 * Without this declaration, a name of the default form (`byEmail`) types its values from its
 * field, and any other name is accepted with values of the type given as a type argument.
 *
 * @example
 * ```ts
 * @Index({ name: 'byPlanAndAge', fields: ['plan', 'age'] })
 * @Entity({ table: 'users', families: { info: {} } })
 * class User {
 *   declare [IndexFields]?: { byEmail: 'email'; byPlanAndAge: ['plan', 'age'] };
 *   @RowKey({ codec: utf8 }) id!: string;
 *   @Index() @Column({ family: 'info', codec: utf8Key }) email?: string;
 *   @Column({ family: 'info', codec: utf8Key }) plan?: string;
 *   @Column({ family: 'info', codec: sortableInt32 }) age?: number;
 * }
 * await users.index('byPlanAndAge').find(['pro', 30]); // ['pro'] too; [30] does not compile
 * ```
 */
export const IndexFields: unique symbol = Symbol.for('hbase-mapper.index-fields');
