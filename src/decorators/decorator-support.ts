import { ensureRecord, PENDING_FIELDS, type RecordedField } from './metadata-store';

/**
 * @internal Field decorators work in both of TypeScript's modes:
 * - `experimentalDecorators` (what NestJS apps use): called as `(prototype, propertyKey)`, and
 *   `emitDecoratorMetadata` may have left the field's type under `design:type`;
 * - standard (TC39) decorators: called as `(undefined, context)`; the class is not known yet, so the
 *   field is parked in `context.metadata` and collected when the class is first used.
 * Their public type, which lets the compiler check the field's type, is `FieldDecorator`.
 */
export type UntypedFieldDecorator = (target: unknown, context: unknown) => void;

// Standard decorators only receive a `context.metadata` object when `Symbol.metadata` exists
// (Node 20 does not define it yet); TypeScript's emitted code looks it up at class definition.
(Symbol as { metadata?: symbol }).metadata ??= Symbol.for('Symbol.metadata');

interface StandardFieldContext {
  kind: string;
  name: string | symbol;
  static?: boolean;
  metadata?: Record<symbol, unknown>;
}

/** @internal Builds a decorator that records one field. */
export function fieldDecorator(
  decoratorName: string,
  build: (property: string, designType: unknown) => RecordedField,
): UntypedFieldDecorator {
  return (target: unknown, context: unknown) => {
    if (isStandardContext(context)) {
      if (context.kind !== 'field' && context.kind !== 'accessor') {
        throw new TypeError(`@${decoratorName} applies to class fields, not to a ${context.kind}`);
      }
      if (context.static || typeof context.name !== 'string') {
        throw new TypeError(`@${decoratorName} applies to named instance fields`);
      }
      const metadata = context.metadata;
      if (!metadata)
        throw new TypeError(`@${decoratorName}: this runtime gives decorators no metadata object`);
      // Own array per class: the metadata object inherits from the parent class's one.
      if (!Object.hasOwn(metadata, PENDING_FIELDS)) metadata[PENDING_FIELDS] = [];
      (metadata[PENDING_FIELDS] as RecordedField[]).push(build(context.name, undefined));
      return;
    }
    if (typeof context !== 'string' || typeof target !== 'object' || target === null) {
      throw new TypeError(`@${decoratorName} applies to named instance fields`);
    }
    const designType = readDesignType(target, context);
    ensureRecord((target as { constructor: Function }).constructor).fields.push(build(context, designType));
  };
}

/** @internal Whether a decorator was called in standard (TC39) mode. */
export function isStandardContext(context: unknown): context is StandardFieldContext {
  return typeof context === 'object' && context !== null && 'kind' in context;
}

function readDesignType(target: object, property: string): unknown {
  // reflect-metadata is optional: only present when the app imports it (NestJS apps do).
  const reflect = Reflect as unknown as {
    getMetadata?: (key: string, target: object, property: string) => unknown;
  };
  return typeof reflect.getMetadata === 'function'
    ? reflect.getMetadata('design:type', target, property)
    : undefined;
}
