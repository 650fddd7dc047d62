// Every public method of Connection, Table, Batch, ConnectionPool and Repository that returns a
// promise rejects bad input — it never throws synchronously — and sends nothing. The methods are
// found by reflection, so a method added later must be classified here before this passes.
import {
  Connection,
  ConnectionPool,
  defineEntity,
  InvalidArgumentError,
  Repository,
  type Table,
  utf8,
  utf8Key,
} from '../../../src';
import { gateways } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';

class Note {
  id!: string;
  text?: string;
}
defineEntity(Note, {
  table: 'notes_never_created',
  families: { n: {} },
  rowKey: { id: { codec: utf8Key } },
  columns: { text: { family: 'n', codec: utf8 } },
});

/** Methods that take no argument at all: there is no bad input to give them. */
const NO_ARGUMENTS = new Set([
  'Connection.open',
  'Connection.close',
  'Connection.tables',
  'Table.families',
  'Table.columnFamilyNames',
  'Table.regions',
  'Table.descriptor',
  'Connection.namespaces',
  'Connection.ping',
  'ConnectionPool.stats',
  'Batch.send',
]);
/** Methods that return synchronously by design (a table handle, a scan, a batch): they may throw. */
const SYNCHRONOUS = new Set([
  'Connection.table',
  'Table.scan',
  'Table.parallelScan',
  'Repository.scan',
  'Repository.toRow',
  'Repository.fromRow',
  'Repository.index',
]);
/** Internal methods (`@internal`, absent from the published declarations). */
const INTERNAL = new Set([
  'Connection.call',
  'Connection.gatewayKind',
  'Connection.prefixedName',
  'Connection.retire',
  'Connection.moveTo',
  'ConnectionPool.healthyGateways',
  'Batch.run',
  'Repository.readWithoutHooks',
]);

let proxy: TcpProxy;
let connection: Connection;
let pool: ConnectionPool;
let table: Table;

beforeAll(async () => {
  proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
  const through = { host: '127.0.0.1', port: proxy.port, timeout: 10_000 };
  connection = new Connection(through);
  pool = new ConnectionPool({ size: 1, ...through });
  table = connection.table('never_created');
});

afterAll(async () => {
  await pool.close();
  await connection.close();
  await proxy.close();
});

function publicMethods(prototype: object): string[] {
  return Object.getOwnPropertyNames(prototype).filter((name) => {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    return name !== 'constructor' && typeof descriptor.value === 'function';
  });
}

/** A value no parameter of the public API accepts. */
const BAD = Symbol('bad input');

describe('no Promise-returning method throws synchronously on bad input', () => {
  const targets = (): Array<[string, object]> => [
    ['Connection', connection],
    ['Table', table],
    ['Batch', table.batch()],
    ['ConnectionPool', pool],
    ['Repository', new Repository(Note, pool)],
  ];

  it('classifies every public method, and each rejects BAD without a synchronous throw or a byte sent', async () => {
    const checked: string[] = [];
    for (const [className, target] of targets()) {
      for (const method of publicMethods(Object.getPrototypeOf(target))) {
        const qualified = `${className}.${method}`;
        if (NO_ARGUMENTS.has(qualified) || INTERNAL.has(qualified)) continue;
        const before = proxy.bytesFromClients;
        let result: unknown;
        let thrown: unknown;
        try {
          result = (target as Record<string, (...args: unknown[]) => unknown>)[method]!(BAD, BAD, BAD);
        } catch (error) {
          thrown = error;
        }
        if (SYNCHRONOUS.has(qualified)) {
          expect({ qualified, thrown }).toEqual({ qualified, thrown: expect.any(InvalidArgumentError) });
        } else {
          expect({ qualified, thrown }).toEqual({ qualified, thrown: undefined });
          expect({ qualified, result }).toEqual({ qualified, result: expect.any(Promise) });
          const rejection = await (result as Promise<unknown>).then(
            () => 'resolved',
            (error: unknown) => error,
          );
          expect({ qualified, rejection }).toEqual({
            qualified,
            rejection: expect.any(InvalidArgumentError),
          });
        }
        expect({ qualified, sent: proxy.bytesFromClients - before }).toEqual({ qualified, sent: 0 });
        checked.push(qualified);
      }
    }
    // What was checked, so that a method that disappears (or appears) is noticed.
    expect(checked.sort()).toEqual(
      [
        'Batch.counterDec',
        'Batch.counterInc',
        'Batch.delete',
        'Batch.put',
        'Connection.addColumnFamily',
        'Connection.compactTable',
        'Connection.createNamespace',
        'Connection.createTable',
        'Connection.deleteColumnFamily',
        'Connection.deleteNamespace',
        'Connection.deleteTable',
        'Connection.disableTable',
        'Connection.enableTable',
        'Connection.isTableEnabled',
        'Connection.modifyColumnFamily',
        'Connection.modifyNamespace',
        'Connection.modifyTable',
        'Connection.namespace',
        'Connection.table',
        'Connection.truncateTable',
        'ConnectionPool.acquire',
        'ConnectionPool.connection',
        'ConnectionPool.ping',
        'ConnectionPool.close',
        'Repository.count',
        'Repository.delete',
        'Repository.exists',
        'Repository.findFirst',
        'Repository.findMany',
        'Repository.findOne',
        'Repository.findOneOrFail',
        'Repository.fromRow',
        'Repository.index',
        'Repository.increment',
        'Repository.page',
        'Repository.raw',
        'Repository.save',
        'Repository.saveAll',
        'Repository.scan',
        'Repository.toRow',
        'Repository.update',
        'Table.append',
        'Table.batch',
        'Table.cells',
        'Table.checkAndMutate',
        'Table.checkAndPut',
        'Table.counterDec',
        'Table.counterGet',
        'Table.counterInc',
        'Table.counterSet',
        'Table.delete',
        'Table.exists',
        'Table.put',
        'Table.row',
        'Table.rows',
        'Table.scan',
        'Table.parallelScan',
      ].sort(),
    );
  });

  it('the static Connection.using rejects a bad callback without connecting', async () => {
    const before = proxy.bytesFromClients;
    let thrown: unknown;
    let result: unknown;
    try {
      result = Connection.using({ host: '127.0.0.1', port: proxy.port }, BAD as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeUndefined();
    await expect(result).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(proxy.bytesFromClients - before).toBe(0);
  });
});
