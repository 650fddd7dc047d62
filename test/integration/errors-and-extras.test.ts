// Typed server errors, and the client features HappyBase lacks: checkAndPut, namespaces, scoped
// connections and leases, WAL control.
import {
  AlreadyExistsError,
  Connection,
  ConnectionPool,
  HBaseError,
  IllegalArgumentError,
  InvalidArgumentError,
  IOError,
  TableNotFoundError,
} from '../../src';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../support/gateway';

const prefix = uniquePrefix('extras');
let connection: Connection;

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await connection.createTable('t', { cf: {} });
});

afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});

describe('server errors are typed', () => {
  it('a missing table: TableNotFoundError, an IOError with the Java trace kept apart', async () => {
    const error = await connection
      .table('does-not-exist')
      .row('r')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableNotFoundError);
    expect(error).toBeInstanceOf(IOError);
    expect(error).toBeInstanceOf(HBaseError);
    const io = error as IOError;
    expect(io.message).not.toContain('\n');
    expect(io.message).toMatch(/does-not-exist/);
    // A Thrift1 gateway sends Java's whole trace; a Thrift2 gateway only the exception's message.
    if (gatewayApi === 'thrift1') expect(io.serverStackTrace).toMatch(/\bat org\.apache\.hadoop\.hbase\./);
    else expect(io.serverStackTrace).toBe('');
  });

  it('a missing table in admin calls: isTableEnabled is a TableNotFoundError, deleteTable an IOError', async () => {
    const enabled = await connection.isTableEnabled('does-not-exist').catch((e: unknown) => e);
    expect(enabled).toBeInstanceOf(TableNotFoundError);
    // Thrift1's deleteTable checks first and says "table does not exist" without naming it;
    // Thrift2 passes on HBase's TableNotFoundException.
    const deleted = await connection.deleteTable('does-not-exist').catch((e: unknown) => e);
    if (gatewayApi === 'thrift2') expect(deleted).toBeInstanceOf(TableNotFoundError);
    else expect((deleted as IOError).message).toMatch(/table does not exist/);
    expect(deleted).toBeInstanceOf(IOError);
  });

  it('creating an existing table: AlreadyExistsError', async () => {
    await expect(connection.createTable('t', { cf: {} })).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('an unknown scanner id: IllegalArgumentError', async () => {
    await expect(connection.call('scannerGetList', (c) => c.scannerRows(987654, 1))).rejects.toBeInstanceOf(
      IllegalArgumentError,
    );
  });

  it('an unknown column family: IOError naming it', async () => {
    const error = await connection
      .table('t')
      .put('r', { 'nope:q': 'v' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IOError);
    expect((error as IOError).message).toMatch(/nope/);
  });
});

describe('client extras', () => {
  it('checkAndPut writes only when the check holds, including "cell absent"', async () => {
    const table = connection.table('t');
    expect(
      await table.checkAndPut('cap', { column: 'cf:v', value: null }, { column: 'cf:v', value: '1' }),
    ).toBe(true);
    expect(
      await table.checkAndPut('cap', { column: 'cf:v', value: null }, { column: 'cf:v', value: '2' }),
    ).toBe(false);
    expect(
      await table.checkAndPut('cap', { column: 'cf:v', value: '1' }, { column: 'cf:v', value: '3' }),
    ).toBe(true);
    expect((await table.row('cap'))['cf:v']?.toString()).toBe('3');
    await expect(
      table.checkAndPut('cap', { column: 'cf', value: null }, { column: 'cf:v', value: '4' }),
    ).rejects.toThrow(InvalidArgumentError);
  });

  it('namespaced names work with and without the prefix', async () => {
    const meta = connection.table('hbase:meta', { usePrefix: false });
    expect(meta.name).toBe('hbase:meta');
    expect((await meta.scan({ limit: 1 }).toArray()).length).toBe(1);

    const table = await connection.createTable('default:ns', { cf: {} });
    expect(table.name).toBe(`default:${prefix}_ns`);
    await table.put('r', { 'cf:q': 'v' });
    expect((await connection.table('ns').row('r'))['cf:q']?.toString()).toBe('v');
    expect(await connection.tables()).toContain('ns');
  });

  it('puts without the write-ahead log', async () => {
    const table = connection.table('t');
    await table.put('no-wal', { 'cf:q': 'v' }, { wal: false });
    await table.batch({ wal: false }, async (b) => {
      await b.put('no-wal-2', { 'cf:q': 'v' });
      await b.put('no-wal-3', { 'cf:q': 'v' }, { wal: true });
    });
    expect((await table.rows(['no-wal', 'no-wal-2', 'no-wal-3'])).length).toBe(3);
  });

  it('Connection.using closes the connection whatever the callback does', async () => {
    let used: Connection | undefined;
    await expect(
      Connection.using(gateways.default(), async (c) => {
        used = c;
        expect(c.isOpen).toBe(true);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(used?.isOpen).toBe(false);
  });

  it('pool leases work with await using and return the connection', async () => {
    const pool = new ConnectionPool({ size: 1, ...gateways.default() });
    let first: Connection;
    {
      await using lease = await pool.acquire();
      first = lease.connection;
      expect(Array.isArray(await lease.connection.tables())).toBe(true);
    }
    {
      await using lease = await pool.acquire({ timeout: 1000 });
      expect(lease.connection).toBe(first);
    }
    await pool.close();
  });
});

describe('closing a pool', () => {
  it('waits for leases in progress', async () => {
    const pool = new ConnectionPool({ size: 1, ...gateways.default() });
    let finished = false;
    const lease = pool.connection(async (c) => {
      await c.tables();
      finished = true;
    });
    await pool.close();
    await lease;
    expect(finished).toBe(true);
  });

  it('with a timeout, closes the connections of abandoned leases instead of waiting for ever', async () => {
    const pool = new ConnectionPool({ size: 2, ...gateways.default() });
    const abandoned = await pool.acquire(); // never released
    await abandoned.connection.tables();
    await pool.close({ timeout: 200 });
    expect(abandoned.connection.isOpen).toBe(false);
    await expect(abandoned.connection.tables()).rejects.toThrow(/closed/);
    await abandoned.release(); // a late release is harmless
    await expect(pool.acquire()).rejects.toThrow(/closed/);
  });
});
