import { type EntityOptions, ensureRecord } from './metadata-store';

/**
 * Declares a class as an entity stored in one HBase table. Works with both TypeScript decorator
 * modes. Validation happens when the entity is first used (or by `validateEntity`).
 *
 * @example
 * ```ts
 * @Entity({ table: 'users', families: { info: { maxVersions: 1 }, stats: {} } })
 * class User {
 *   @RowKey({ codec: utf8 }) id!: string;
 *   @Column({ family: 'info', codec: utf8 }) name?: string;
 *   @Counter({ family: 'stats' }) logins?: bigint;
 * }
 * ```
 */
export function Entity(options: EntityOptions) {
  return (target: Function, _context?: unknown): void => {
    ensureRecord(target).options = options;
  };
}
