/** @internal When a lifecycle hook runs. */
export type HookKind = 'beforeSave' | 'afterLoad';

/** @internal One decorated hook method. */
export interface RecordedHook {
  kind: HookKind;
  method: string;
}

// On `globalThis` under a registered symbol, like the field store (see metadata-store.ts): two
// copies of the library in one process share it.
const STORE_KEY = Symbol.for('hbase-mapper.hook-store');
type Store = WeakMap<Function, RecordedHook[]>;
const globalRecord = globalThis as unknown as Record<symbol, Store | undefined>;
globalRecord[STORE_KEY] ??= new WeakMap();
const store: Store = globalRecord[STORE_KEY];

/** @internal Key under which standard decorators park their hooks in `context.metadata`. */
export const PENDING_HOOKS = Symbol.for('hbase-mapper.pending-hooks');

/** @internal Records a hook declared with experimentalDecorators. */
export function recordHook(target: Function, hook: RecordedHook): void {
  const hooks = store.get(target) ?? [];
  hooks.push(hook);
  store.set(target, hooks);
}

/** @internal The hooks a class itself declared (not inherited ones), from either decorator mode. */
export function ownHooksOf(target: Function): RecordedHook[] {
  const recorded = store.get(target) ?? [];
  const metadataKey = (Symbol as { metadata?: symbol }).metadata;
  const metadata = metadataKey ? (target as unknown as Record<symbol, unknown>)[metadataKey] : undefined;
  const pending =
    typeof metadata === 'object' && metadata !== null && Object.hasOwn(metadata, PENDING_HOOKS)
      ? ((metadata as Record<symbol, RecordedHook[]>)[PENDING_HOOKS] ?? [])
      : [];
  return [...recorded, ...pending];
}
