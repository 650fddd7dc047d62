import { ownFieldsOf, type RecordedField } from '../../decorators/metadata-store';

/**
 * @internal A class and its ancestors, base classes first (`Function.prototype`, the end of every
 * class chain, left out): the order in which their decorated fields and hooks apply, so that a
 * subclass's declarations come after, and may override, its base's.
 */
export function classChain(target: Function): Function[] {
  const chain: Function[] = [];
  for (
    let c: unknown = target;
    typeof c === 'function' && c !== Function.prototype;
    c = Object.getPrototypeOf(c)
  ) {
    chain.unshift(c as Function);
  }
  return chain;
}

/** @internal The decorated fields of a class (an entity or a value object) and its ancestors, base classes first. */
export function inheritedFields(target: Function): RecordedField[] {
  return classChain(target).flatMap((c) => ownFieldsOf(c));
}
