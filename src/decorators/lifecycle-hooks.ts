import { isStandardContext } from './decorator-support';
import { type HookKind, PENDING_HOOKS, recordHook } from './hook-store';

/**
 * The decorator `@BeforeSave()` and `@AfterLoad()` return: it applies to instance methods, in
 * both of TypeScript's decorator modes.
 */
export interface HookDecorator {
  /** Standard (TC39) decorators on a method. */
  <This>(target: (this: This) => unknown, context: ClassMethodDecoratorContext<This>): void;
  /**
   * `experimentalDecorators`: called with the prototype, the method's name and its descriptor
   * (required: a field gets none, so the compiler refuses a hook decorator on a field).
   */
  (target: object, property: string | symbol, descriptor: PropertyDescriptor): void;
}

/**
 * Marks a method that `Repository.save` calls (with no argument, awaited when it returns a
 * promise) on every entity of the call before anything is validated, encoded or sent: to set
 * derived fields (`updatedAt`, a normalized email) or refuse an entity. A hook that throws
 * rejects the whole save with its error, and nothing of the call is written.
 *
 * Hooks of a base class run before those of its subclass; those of an entity before those of
 * its `@Embedded` value objects (the entity's hook may still replace them). `update()` takes
 * changes, not entities: it runs no hook.
 *
 * @example
 * ```ts
 * @BeforeSave() touch() { this.updatedAt = new Date(); }
 * ```
 */
export function BeforeSave(): HookDecorator {
  return hookDecorator('BeforeSave', 'beforeSave');
}

/**
 * Marks a method that reads call on every entity they build (`findOne`, `findOneOrFail`,
 * `findMany`, `findFirst`, `scan`, `page`, and the reads of an index: `find`, `findOne`, `scan`,
 * `count` of `repository.index(name)`), awaited before the entity is handed out: to derive fields
 * that are not stored. Hooks of `@Embedded` value objects run first, then the entity's (base class
 * first). A hook that throws rejects the read. An index read checks its entries before the hooks
 * run (on the stored cells), so a hook may change an indexed field. `fromRow` is a pure
 * conversion and runs none, nor do an index's `verify()` and `rebuild()` (they build no entity).
 */
export function AfterLoad(): HookDecorator {
  return hookDecorator('AfterLoad', 'afterLoad');
}

function hookDecorator(decoratorName: string, kind: HookKind): HookDecorator {
  return ((target: unknown, context: unknown) => {
    if (isStandardContext(context)) {
      if (context.kind !== 'method' || context.static || typeof context.name !== 'string') {
        throw new TypeError(`@${decoratorName} applies to named instance methods`);
      }
      const metadata = context.metadata;
      if (!metadata)
        throw new TypeError(`@${decoratorName}: this runtime gives decorators no metadata object`);
      // Own list per class: the metadata object inherits from the parent class's one.
      if (!Object.hasOwn(metadata, PENDING_HOOKS)) metadata[PENDING_HOOKS] = [];
      (metadata[PENDING_HOOKS] as Array<{ kind: HookKind; method: string }>).push({
        kind,
        method: context.name,
      });
      return;
    }
    if (typeof context !== 'string' || typeof target !== 'object' || target === null) {
      throw new TypeError(`@${decoratorName} applies to named instance methods`);
    }
    if (typeof (target as Record<string, unknown>)[context] !== 'function') {
      throw new TypeError(`@${decoratorName} applies to methods, not to the field ${context}`);
    }
    recordHook((target as { constructor: Function }).constructor, { kind, method: context });
  }) as HookDecorator;
}
