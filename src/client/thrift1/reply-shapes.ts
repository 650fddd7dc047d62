import {
  type Check,
  checkShape,
  isBoolean,
  isBuffer,
  isInt64,
  isInteger,
  isString,
  listOf,
  mapOf,
  struct,
} from '../protocol/shape-checks';

/**
 * @internal What the results decoded by the generated code must hold. The Thrift1 IDL marks no
 * field required, so the generated decoders accept a struct with any field missing (left `null`)
 * or of another type (skipped): a corrupted reply would then reach the public methods as a `null`
 * where bytes are expected, and fail there with a raw TypeError. Checked once per reply, off the
 * hot paths (rows, puts, counters are decoded by our own readers).
 */

const cell = struct({ value: isBuffer, timestamp: isInt64 });

const columnDescriptor = struct({
  name: isBuffer,
  maxVersions: isInteger,
  compression: isString,
  inMemory: isBoolean,
  bloomFilterType: isString,
  bloomFilterVectorSize: isInteger,
  bloomFilterNbHashes: isInteger,
  blockCacheEnabled: isBoolean,
  timeToLive: isInteger,
});

const regionInfo = struct({
  startKey: isBuffer,
  endKey: isBuffer,
  id: isInt64,
  name: isBuffer,
  version: isInteger,
  serverName: isBuffer,
  port: isInteger,
});

/** The result each method's reply must carry on success (methods without a result: none). */
const RESULT_SHAPES: ReadonlyMap<string, Check> = new Map<string, Check>([
  ['getTableNames', listOf(isBuffer)],
  ['getColumnDescriptors', mapOf(columnDescriptor)],
  ['getTableRegions', listOf(regionInfo)],
  ['get', listOf(cell)],
  ['getVer', listOf(cell)],
  ['getVerTs', listOf(cell)],
  ['append', listOf(cell)],
  ['isTableEnabled', isBoolean],
  ['checkAndPut', isBoolean],
  ['atomicIncrement', isInt64],
  ['scannerOpenWithScan', isInteger],
  ['getThriftServerType', isInteger],
]);

/**
 * @internal Throws when the result of a successful `method` reply lacks what the client reads
 * from it. Methods not listed (void ones, or ones the client does not call) pass as they are.
 */
export function checkReplyShape(method: string, result: unknown): void {
  checkShape(RESULT_SHAPES, method, result);
}
