import { Inject } from '@nestjs/common';
import type { EntityClass } from '../mapper/metadata/entity-metadata';
import { getConnectionPoolToken, getRepositoryToken } from './tokens';

/**
 * Injects the `Repository` of `entity` on connection `name` (default: the default
 * connection). The entity must be registered with `HBaseModule.forFeature([entity], name)` in the
 * module (or an imported one).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class UsersService {
 *   constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
 * }
 * ```
 */
export function InjectRepository(entity: EntityClass, name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getRepositoryToken(entity, name));
}

/**
 * Injects the `ConnectionPool` of connection `name`: the escape hatch to the raw client
 * (tables, scans, batches, admin). For the default connection, a constructor parameter typed
 * `ConnectionPool` is injected even without this decorator.
 *
 * @example
 * ```ts
 * constructor(@InjectConnectionPool('analytics') private readonly pool: ConnectionPool) {}
 * // ...
 * const row = await this.pool.connection((c) => c.table('events').row(key));
 * ```
 */
export function InjectConnectionPool(name?: string): PropertyDecorator & ParameterDecorator {
  return Inject(getConnectionPoolToken(name));
}
