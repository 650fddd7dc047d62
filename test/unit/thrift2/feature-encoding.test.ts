// What the Thrift2 gateway puts in the structs it sends for the Thrift2-only features: the parts
// the server does not echo back (durability, the mirrored compare operator, a scan's limit), read
// from the arguments handed to the generated encoder.
import type { CellMutation } from '../../../src/client/gateway/row-mutations';
import type { GeneratedCodec } from '../../../src/client/protocol/generated-codec';
import {
  TCompareOp,
  TConsistency,
  type TDelete,
  TDurability,
  type TPut,
  type TRowMutations,
  type TScan,
} from '../../../src/client/thrift2/generated/hbase_types';
import { Thrift2Gateway } from '../../../src/client/thrift2/thrift2-gateway';

/** A gateway whose calls are recorded (method and arguments) and answer `reply`. */
function recordingGateway(reply: unknown = undefined) {
  const sent: Array<{ method: string; args: unknown[] }> = [];
  const codec = {
    send: (method: string, _seqid: number, args: unknown[]) => sent.push({ method, args }),
  } as unknown as GeneratedCodec;
  const gateway = new Thrift2Gateway(codec, (send) => {
    send(1);
    return Promise.resolve(reply as never);
  });
  return { gateway, sent };
}

const table = Buffer.from('t');
const row = Buffer.from('r');
const put = (column: string, extra: Partial<CellMutation> = {}): CellMutation => ({
  isDelete: false,
  column: Buffer.from(column),
  value: Buffer.from('v'),
  writeToWAL: true,
  ...extra,
});
const remove = (column: string, extra: Partial<CellMutation> = {}): CellMutation => ({
  isDelete: true,
  column: Buffer.from(column),
  writeToWAL: true,
  ...extra,
});

describe('durability on the wire', () => {
  it.each([
    [undefined, undefined],
    // The table's durability: what HBase applies when none is sent.
    ['default', undefined],
    ['skipWal', TDurability.SKIP_WAL],
    ['asyncWal', TDurability.ASYNC_WAL],
    ['syncWal', TDurability.SYNC_WAL],
    ['fsyncWal', TDurability.FSYNC_WAL],
  ] as const)('a put with durability %s carries %s', async (durability, expected) => {
    const { gateway, sent } = recordingGateway();
    await gateway.mutateRows(table, [{ row, mutations: [put('cf:a', { durability })] }]);
    expect(sent[0]!.method).toBe('put');
    expect((sent[0]!.args[1] as TPut).durability ?? undefined).toBe(expected);
  });

  it("a row's mutations go with the most durable asked (none loses what it asked for); wal: false is SKIP_WAL", async () => {
    const { gateway, sent } = recordingGateway();
    await gateway.mutateRows(table, [
      { row, mutations: [put('cf:a', { durability: 'fsyncWal' }), put('cf:b', { durability: 'asyncWal' })] },
      {
        row: Buffer.from('s'),
        mutations: [put('cf:a', { durability: 'fsyncWal' }), put('cf:b', { writeToWAL: false })],
      },
      { row: Buffer.from('t'), mutations: [put('cf:a', { writeToWAL: false }), put('cf:b')] },
      { row: Buffer.from('u'), mutations: [put('cf:a', { writeToWAL: false })] },
    ]);
    const puts = sent[0]!.args[1] as TPut[];
    expect(puts.map((p) => p.durability ?? undefined)).toEqual([
      TDurability.FSYNC_WAL,
      TDurability.FSYNC_WAL,
      undefined,
      TDurability.SKIP_WAL,
    ]);
  });

  it('deletes and whole-row deletes carry it too', async () => {
    const { gateway, sent } = recordingGateway();
    await gateway.mutateRows(table, [{ row, mutations: [remove('cf:a', { durability: 'asyncWal' })] }]);
    await gateway.deleteRow(table, row, undefined, 'fsyncWal');
    expect((sent[0]!.args[1] as TDelete).durability).toBe(TDurability.ASYNC_WAL);
    expect((sent[1]!.args[1] as TDelete).durability).toBe(TDurability.FSYNC_WAL);
  });
});

describe('checkAndMutate on the wire', () => {
  it('sends the mirrored operator, deletes before the put, and an empty value for null', async () => {
    const { gateway, sent } = recordingGateway(true);
    const mutations = [remove('cf:old', { durability: 'syncWal' }), put('cf:new', { durability: 'syncWal' })];
    await gateway.checkAndMutate(
      table,
      row,
      { column: Buffer.from('cf:q'), op: '<', value: null },
      mutations,
    );
    const [, , family, qualifier, op, value, rowMutations] = sent[0]!.args as [
      Buffer,
      Buffer,
      Buffer,
      Buffer,
      TCompareOp,
      Buffer,
      TRowMutations,
    ];
    expect(sent[0]!.method).toBe('checkAndMutate');
    expect([family.toString(), qualifier.toString()]).toEqual(['cf', 'q']);
    expect(op).toBe(TCompareOp.GREATER);
    expect(value).toEqual(Buffer.alloc(0));
    expect(rowMutations.mutations.map((m) => (m.put ? 'put' : 'delete'))).toEqual(['delete', 'put']);
    expect(rowMutations.mutations[1]!.put!.durability).toBe(TDurability.SYNC_WAL);
  });
});

describe('scans and tables on the wire', () => {
  it('a scan sends maxVersions, its time range and its limit', async () => {
    const { gateway, sent } = recordingGateway(7);
    await gateway.openScanner(table, {
      caching: 10,
      sortColumns: false,
      reversed: false,
      maxVersions: 3,
      timeRange: { min: 5n, max: 9n },
      limit: 4,
      replica: { consistency: 'timeline', replicaId: 1 },
    });
    const scan = sent[0]!.args[1] as TScan;
    expect([scan.maxVersions, scan.limit]).toEqual([3, 4]);
    expect([scan.consistency, scan.targetReplicaId]).toEqual([TConsistency.TIMELINE, 1]);
    expect([scan.timeRange!.minStamp.toNumber(), scan.timeRange!.maxStamp.toNumber()]).toEqual([5, 9]);
  });

  it('createTable sends its split keys, and null without', async () => {
    const { gateway, sent } = recordingGateway();
    await gateway.createTable(table, [{ name: 'cf' }], [Buffer.from('m')]);
    await gateway.createTable(table, [{ name: 'cf' }]);
    expect(sent[0]!.args[1]).toEqual([Buffer.from('m')]);
    expect(sent[1]!.args[1]).toBeNull();
  });
});
