import { TTableName } from './generated/hbase_types';

const COLON = 0x3a;

/** @internal A full table name (`ns:name`, or `name` in the default namespace) as Thrift2's `TTableName`. */
export function toTableName(table: Buffer): TTableName {
  const colon = table.indexOf(COLON);
  return colon < 0
    ? new TTableName({ qualifier: table })
    : new TTableName({ ns: table.subarray(0, colon), qualifier: table.subarray(colon + 1) });
}

/** @internal Thrift2's `TTableName` as a full name; the default namespace goes unnamed, as in Thrift1. */
export function fromTableName(name: TTableName): Buffer {
  const ns = name.ns;
  if (ns === undefined || ns === null || ns.length === 0 || ns.toString('latin1') === 'default') {
    return Buffer.from(name.qualifier);
  }
  return Buffer.concat([ns, Buffer.from(':'), name.qualifier]);
}
