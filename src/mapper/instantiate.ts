import { plainToInstance } from 'class-transformer';

// class-transformer's metadata registry is not in its typings' main entry; the pinned version
// ships it at this path.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { getExposedMetadatas(target: Function): unknown[] };
};

/** Per class: whether class-transformer would do more than `new Class()` for an empty object. */
const needsTransformer = new WeakMap<Function, boolean>();

/**
 * @internal Creates an empty entity instance the way class-transformer's `plainToInstance(cls, {})`
 * does, so its decorators keep working on entities. For an empty object, class-transformer only
 * adds work when the class exposes properties (`@Expose`); otherwise the result is exactly
 * `new cls()`, which costs a fraction of the call — and a scan creates one entity per row.
 */
export function instantiate<E>(target: new () => E): E {
  let needed = needsTransformer.get(target);
  if (needed === undefined) {
    needed = defaultMetadataStorage.getExposedMetadatas(target).length > 0;
    needsTransformer.set(target, needed);
  }
  return needed ? plainToInstance(target, {}) : new target();
}
