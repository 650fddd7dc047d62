import { Connection, ConnectionPool, InvalidArgumentError } from '../../src';

describe('Connection options', () => {
  it.each([
    [{ compat: '0.1' }, 'options.compat'],
    [{ transport: 'websocket' }, 'options.transport'],
    [{ protocol: 'json' }, 'options.protocol'],
    [{ port: 0 }, 'options.port'],
    [{ port: '90x' }, 'options.port'],
    [{ timeout: -1 }, 'options.timeout'],
    [{ tablePrefix: 42 }, 'options.tablePrefix'],
    [{ tablePrefixSeparator: 1 }, 'options.tablePrefixSeparator'],
    [{ autoConnect: 'yes' }, 'options.autoConnect'],
    [{ tls: { rejectUnauthorized: 'no' } }, 'options.tls.rejectUnauthorized'],
    [{ httpPath: 'thrift' }, 'options.httpPath'],
    [{ hots: 'localhost' }, 'options.hots'],
  ])('rejects %j naming %s', (options, argument) => {
    let error: unknown;
    try {
      new Connection(options as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe(argument);
  });

  it('accepts a timeout and defaults the rest', () => {
    const connection = new Connection({ timeout: 5000 });
    expect(connection.host).toBe('localhost');
    expect(connection.port).toBe(9090);
    expect(connection.compat).toBe('0.98');
    expect(connection.isOpen).toBe(false);
  });

  it('applies the table prefix without a round trip', () => {
    const connection = new Connection({ tablePrefix: 'app' });
    expect(() => connection.table('')).toThrow(expect.objectContaining({ argument: 'name' }));
    expect(connection.table('foo').name).toBe('app_foo');
    expect(connection.table('foo', { usePrefix: false }).name).toBe('foo');
    expect(connection.table('ns:foo').name).toBe('ns:app_foo');
    expect(new Connection({ tablePrefix: 'app', tablePrefixSeparator: '.' }).table('x').name).toBe('app.x');
  });

  it('closing twice is harmless, even when never opened', async () => {
    const connection = new Connection();
    await connection.close();
    await connection.close();
    expect(connection.isOpen).toBe(false);
  });
});

describe('promise-returning methods reject bad input instead of throwing', () => {
  const table = new Connection({ autoConnect: false }).table('t');
  it.each([
    ['table.counterDec', () => table.counterDec('r', 'c:q', 'x' as never), 'value'],
    [
      'table.batch with batchSize 0',
      () => table.batch({ batchSize: 0 }, async () => undefined),
      'options.batchSize',
    ],
    ['table.batch with no function', () => table.batch({}, 'x' as never), 'fn'],
    ['batch.counterDec', () => table.batch().counterDec('r', 'c:q', 1.5), 'value'],
    ['pool.close', () => new ConnectionPool({ size: 1 }).close({ timeout: -1 }), 'options.timeout'],
  ])('%s', async (_, call, argument) => {
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = call();
    }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(promise).rejects.toMatchObject({ argument });
  });
});
