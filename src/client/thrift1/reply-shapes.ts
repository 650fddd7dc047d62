/**
 * @internal What the results decoded by the generated code must hold. The Thrift1 IDL marks no
 * field required, so the generated decoders accept a struct with any field missing (left `null`)
 * or of another type (skipped): a corrupted reply would then reach the public methods as a `null`
 * where bytes are expected, and fail there with a raw TypeError. Checked once per reply, off the
 * hot paths (rows, puts, counters are decoded by our own readers).
 */

type Check = (value: unknown) => boolean;

const isBuffer: Check = (value) => Buffer.isBuffer(value);
const isBoolean: Check = (value) => typeof value === 'boolean';
const isInteger: Check = (value) => Number.isInteger(value);
const isString: Check = (value) => typeof value === 'string';
/** An i64: a node-int64 from the generated code (its bytes in `buffer`), or a bigint. */
const isInt64: Check = (value) =>
  typeof value === 'bigint' ||
  (typeof value === 'object' && value !== null && Buffer.isBuffer((value as { buffer?: unknown }).buffer));

function struct(fields: Record<string, Check>): Check {
  const entries = Object.entries(fields);
  return (value) =>
    typeof value === 'object' &&
    value !== null &&
    entries.every(([name, check]) => check((value as Record<string, unknown>)[name]));
}

const listOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);

const mapOf =
  (check: Check): Check =>
  (value) =>
    typeof value === 'object' && value !== null && Object.values(value).every(check);

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
  const check = RESULT_SHAPES.get(method);
  if (check !== undefined && !check(result)) {
    throw new Error(`the result of ${method} lacks a field or holds one of the wrong type`);
  }
}
