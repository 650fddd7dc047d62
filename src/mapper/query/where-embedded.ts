import { InvalidArgumentError } from '../../client/errors';
import type { EmbeddedColumnMapping, EmbeddedMapping } from '../embedded/embedded-metadata';
import type { EntityMetadata } from '../metadata/entity-metadata';
import { isWhereGroup } from './combinators';
import { type FieldCondition, isFieldCondition } from './conditions';
import { allOf, anyOf, negate, type WhereNode } from './where-node';
import type { WhereTarget } from './where-targets';

/** How a condition on one column becomes a node (the `where` compiler's, for any field). */
type ColumnNode = (
  target: WhereTarget,
  condition: Pick<FieldCondition<unknown>, 'op' | 'values'>,
  at: string,
) => WhereNode;

/**
 * @internal The conditions on an `@Embedded` value object: an object of its fields (nested value
 * objects as nested objects) to conditions, all of which must hold — `{ home: { city: 'Paris' } }`
 * — or `exists()` / `missing()` on the whole value: any / none of its columns is in the row.
 */
export function embeddedNode(
  meta: EntityMetadata,
  mapping: EmbeddedMapping,
  value: unknown,
  at: string,
  columnNode: ColumnNode,
): WhereNode {
  if (isFieldCondition(value) && (value.op === 'exists' || value.op === 'missing')) {
    const present = anyOf(mapping.leaves.map((leaf) => columnNode(embeddedTarget(leaf), EXISTS, at)));
    return value.op === 'exists' ? present : negate(present);
  }
  const fields = [...mapping.columns.map((c) => c.field), ...mapping.nested.map((n) => n.property)];
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    isFieldCondition(value) ||
    isWhereGroup(value)
  ) {
    throw new InvalidArgumentError(
      at,
      `conditions on the fields of the value object ${meta.name}.${mapping.path.join('.')} ` +
        `({ ${fields[0] ?? 'field'}: ... }), or exists() / missing() on the whole value`,
      undefined,
    );
  }
  const nodes: WhereNode[] = [];
  for (const field of Object.keys(value)) {
    const fieldAt = `${at}.${field}`;
    const condition = (value as Record<string, unknown>)[field];
    if (condition === undefined || condition === null) {
      // As at the top level: a forgotten value must not widen the scan.
      throw new InvalidArgumentError(
        fieldAt,
        'a value or a condition (use missing() for an absent field)',
        condition,
      );
    }
    const column = mapping.columns.find((c) => c.field === field);
    if (column !== undefined) {
      const plain = { op: 'eq' as const, values: [condition] };
      nodes.push(
        columnNode(embeddedTarget(column), isFieldCondition(condition) ? condition : plain, fieldAt),
      );
      continue;
    }
    const nested = mapping.nested.find((n) => n.property === field);
    if (nested === undefined) {
      throw new InvalidArgumentError(
        fieldAt,
        `a field of ${meta.name}.${mapping.path.join('.')} (${fields.join(', ')})`,
        field,
      );
    }
    nodes.push(embeddedNode(meta, nested, condition, fieldAt, columnNode));
  }
  return allOf(nodes);
}

const EXISTS = { op: 'exists' as const, values: [] };

/** @internal A column of a value object as a `where` target, named by its path (`home.city`). */
export function embeddedTarget(leaf: EmbeddedColumnMapping): WhereTarget {
  const colon = leaf.columnName.indexOf(':');
  return {
    kind: 'column',
    property: leaf.property,
    codec: leaf.codec,
    family: leaf.family,
    qualifier: leaf.column.subarray(colon + 1),
    column: leaf.column,
    columnName: leaf.columnName,
  };
}
