import { type HookKind, ownHooksOf } from '../../decorators/hook-store';
import type { EmbeddedMapping } from '../embedded/embedded-metadata';
import { classChain } from '../metadata/class-chain';
import type { EntityMetadata } from '../metadata/entity-metadata';

/** The hook methods of a class, base classes' first, each method once (an override runs once). */
type ClassHooks = Record<HookKind, readonly string[]>;

const NO_HOOKS: ClassHooks = { beforeSave: [], afterLoad: [] };
const byClass = new WeakMap<Function, ClassHooks>();

/** @internal The `@BeforeSave` and `@AfterLoad` methods of a class and its ancestors. */
export function hooksOf(target: Function): ClassHooks {
  let hooks = byClass.get(target);
  if (!hooks) {
    const found: Record<HookKind, string[]> = { beforeSave: [], afterLoad: [] };
    for (const hook of classChain(target).flatMap((c) => ownHooksOf(c))) {
      if (!found[hook.kind].includes(hook.method)) found[hook.kind].push(hook.method);
    }
    hooks = found.beforeSave.length + found.afterLoad.length === 0 ? NO_HOOKS : found;
    byClass.set(target, hooks);
  }
  return hooks;
}

/**
 * @internal Whether reads of this entity have `@AfterLoad` hooks to run (its class's or its value
 * objects'): when none, reads hand entities out as they are built, with no await per entity.
 */
export function hasLoadHooks(meta: EntityMetadata): boolean {
  const inEmbedded = (mappings: readonly EmbeddedMapping[]): boolean =>
    mappings.some((m) => hooksOf(m.target).afterLoad.length > 0 || inEmbedded(m.nested));
  return hooksOf(meta.target).afterLoad.length > 0 || inEmbedded(meta.embedded);
}

/**
 * Calls the hooks of `kind` on an object, the hooks of its own class (an entity passed as a plain
 * object has none): awaited one after the other, in declaration order, base classes first.
 */
async function callHooks(kind: HookKind, object: object): Promise<void> {
  const methods = hooksOf(Object.getPrototypeOf(object)?.constructor ?? Object)[kind];
  for (const method of methods) {
    const hook = (object as Record<string, unknown>)[method];
    if (typeof hook === 'function') await hook.call(object);
  }
}

/**
 * @internal Runs the `@BeforeSave` hooks of an entity, then those of its value objects (outer
 * first: the entity's hook may replace a value object, whose own hooks then see the final one).
 */
export function beforeSave(meta: EntityMetadata, entity: object): Promise<void> | undefined {
  // The common case, no hook to run, returns no promise to await (a bulk save prepares every
  // entity).
  const own = hooksOf(Object.getPrototypeOf(entity)?.constructor ?? Object).beforeSave;
  if (own.length === 0 && meta.embedded.length === 0) return undefined;
  return runBeforeSave(meta, entity);
}

async function runBeforeSave(meta: EntityMetadata, entity: object): Promise<void> {
  await callHooks('beforeSave', entity);
  const walk = async (owner: object, mappings: readonly EmbeddedMapping[]): Promise<void> => {
    for (const mapping of mappings) {
      const value = (owner as Record<string, unknown>)[mapping.property];
      if (typeof value !== 'object' || value === null) continue;
      await callHooks('beforeSave', value);
      await walk(value, mapping.nested);
    }
  };
  await walk(entity, meta.embedded);
}

/**
 * @internal Runs the `@AfterLoad` hooks of entities just read: value objects' first (inner first),
 * so the entity's hooks see them complete.
 */
export async function afterLoad(meta: EntityMetadata, entities: readonly object[]): Promise<void> {
  if (!hasLoadHooks(meta)) return;
  const walk = async (owner: object, mappings: readonly EmbeddedMapping[]): Promise<void> => {
    for (const mapping of mappings) {
      const value = (owner as Record<string, unknown>)[mapping.property];
      if (typeof value !== 'object' || value === null) continue;
      await walk(value, mapping.nested);
      await callHooks('afterLoad', value);
    }
  };
  for (const entity of entities) {
    await walk(entity, meta.embedded);
    await callHooks('afterLoad', entity);
  }
}

/**
 * @internal The entities of a scan, each handed out after its `@AfterLoad` hooks ran; the scan
 * itself when there are none. A hook that throws closes the scan (its server-side scanners) and
 * rejects the pull.
 */
export function afterLoadEach<E extends object>(
  meta: EntityMetadata,
  source: AsyncIterator<E, undefined>,
): AsyncIterator<E, undefined> {
  if (!hasLoadHooks(meta)) return source;
  return {
    async next() {
      const result = await source.next();
      if (result.done) return result;
      try {
        await afterLoad(meta, [result.value]);
      } catch (error) {
        // The hook's error is the one to report; closing the scanners is cleanup after it.
        await source.return?.().catch(() => undefined);
        throw error;
      }
      return result;
    },
    return: async () => (source.return ? source.return() : { done: true, value: undefined }),
  };
}
