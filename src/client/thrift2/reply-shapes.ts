import {
  type Check,
  checkShape,
  isBoolean,
  isBuffer,
  isInt64,
  isInteger,
  isString,
  listOf,
  optional,
  struct,
} from '../protocol/shape-checks';

// What Thrift2Gateway reads from each result the generated code decoded (see shape-checks.ts):
// fields it reads without a fallback must be there, optional ones of the right type if present.

const columnValue = struct({
  family: isBuffer,
  qualifier: isBuffer,
  value: isBuffer,
  timestamp: optional(isInt64),
});

/** `row` is absent when a get found no row. */
const result = struct({ row: optional(isBuffer), columnValues: listOf(columnValue) });

const tableName = struct({ ns: optional(isBuffer), qualifier: isBuffer });

const tableDescriptor = struct({ columns: optional(listOf(struct({ name: isBuffer }))) });

const namespaceDescriptor = struct({ name: isString });

const regionLocation = struct({
  serverName: struct({ hostName: isString, port: optional(isInteger) }),
  regionInfo: struct({
    regionId: isInt64,
    startKey: optional(isBuffer),
    endKey: optional(isBuffer),
    replicaId: optional(isInteger),
  }),
});

/** The result each method's reply must carry on success (methods without a result: none). */
const RESULT_SHAPES: ReadonlyMap<string, Check> = new Map<string, Check>([
  ['getThriftServerType', isInteger],
  ['getClusterId', isString],
  ['getTableNamesByPattern', listOf(tableName)],
  ['isTableEnabled', isBoolean],
  ['getTableDescriptor', tableDescriptor],
  ['getAllRegionLocations', listOf(regionLocation)],
  ['get', result],
  ['getMultiple', listOf(result)],
  ['openScanner', isInteger],
  ['getScannerRows', listOf(result)],
  ['increment', result],
  ['append', result],
  ['checkAndPut', isBoolean],
  ['checkAndMutate', isBoolean],
  ['existsAll', listOf(isBoolean)],
  ['exists', isBoolean],
  ['deleteMultiple', listOf(struct({}))],
  ['listNamespaces', listOf(isString)],
  ['getNamespaceDescriptor', namespaceDescriptor],
  ['listNamespaceDescriptors', listOf(namespaceDescriptor)],
]);

/**
 * @internal Throws when the result of a successful Thrift2 `method` reply lacks what the client
 * reads from it. Methods not listed (void ones, or ones not checked yet) pass as they are.
 */
export function checkReplyShape(method: string, result: unknown): void {
  checkShape(RESULT_SHAPES, method, result);
}
