import type { ScalarKind } from '../thrift1/scalar-reply';

/**
 * @internal The Thrift2 methods whose result is nothing or one scalar, from `hbase.thrift`'s
 * `THBaseService` (a test checks every entry against the generated result classes): their
 * successful replies are read straight from the bytes, as Thrift1's are (see `decodeScalarReply`).
 */
export const THRIFT2_SCALAR_RESULTS: ReadonlyMap<string, ScalarKind> = new Map<string, ScalarKind>([
  ...[
    'put',
    'putMultiple',
    'deleteSingle',
    'mutateRow',
    'closeScanner',
    'createTable',
    'deleteTable',
    'truncateTable',
    'enableTable',
    'disableTable',
  ].map((method) => [method, 'void'] as const),
  ...[
    'exists',
    'checkAndPut',
    'checkAndDelete',
    'checkAndMutate',
    'tableExists',
    'isTableEnabled',
    'isTableDisabled',
    'isTableAvailable',
  ].map((method) => [method, 'bool'] as const),
  ...['openScanner', 'getThriftServerType'].map((method) => [method, 'i32'] as const),
]);
