import { Connection, ConnectionPool, InvalidArgumentError } from '../../src';
import { resolveConnectionOptions } from '../../src/client/connection-options';
import { buildScanRequest } from '../../src/client/scan-request';

/** Resolves with an environment of our own (never the process's), so the tests see only theirs. */
const resolve = (options: unknown, env: NodeJS.ProcessEnv = {}) => resolveConnectionOptions(options, env);

/** The InvalidArgumentError `fn` throws. */
function rejection(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError, nothing was thrown');
}

/** Runs `fn` with HBASE_* variables set in process.env, restoring it afterwards. */
function withEnv<T>(vars: Record<string, string>, fn: () => T): T {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return fn();
  } finally {
    for (const name of Object.keys(vars)) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

describe('connection URLs', () => {
  it.each([
    ['hbase://gw', { host: 'gw', port: 9090, transport: 'buffered', protocol: 'binary', tls: undefined }],
    [
      'hbase://gw:9091?transport=framed&protocol=compact',
      { host: 'gw', port: 9091, transport: 'framed', protocol: 'compact', tls: undefined },
    ],
    ['hbases://gw.example.com', { host: 'gw.example.com', port: 9090, transport: 'buffered', tls: {} }],
    ['HBASE://[::1]:9092/', { host: '::1', port: 9092, transport: 'buffered' }],
    ['http://gw:9080/', { host: 'gw', port: 9080, transport: 'http', httpPath: '/', tls: undefined }],
    ['http://gw', { port: 80, transport: 'http', httpPath: '/' }],
    ['https://gw:9443/thrift', { port: 9443, transport: 'http', httpPath: '/thrift', tls: {} }],
    ['https://gw', { port: 443, transport: 'http', tls: {} }],
    ['https://gw/a%20b/', { httpPath: '/a%20b/' }],
    ['http://gw:9080/?protocol=compact&timeout=2500', { protocol: 'compact', timeout: 2500 }],
  ])('%s', (url, expected) => {
    expect(resolve(url).channel).toMatchObject(expected);
    expect(resolve(new URL(url)).channel).toMatchObject(expected);
    expect(resolve({ url }).channel).toMatchObject(expected);
  });

  it('carries the table prefix, its separator and the compat level', () => {
    const resolved = resolve('hbase://gw?tablePrefix=app&tablePrefixSeparator=.&compat=0.96');
    expect(resolved).toMatchObject({ tablePrefix: 'app', tablePrefixSeparator: '.', compat: '0.96' });
    expect(new Connection('hbase://gw?tablePrefix=app').table('users').name).toBe('app_users');
  });

  it('is what a Connection built from a string connects to', () => {
    const connection = new Connection('hbase://gateway:9091?transport=framed&protocol=compact');
    expect([connection.host, connection.port]).toEqual(['gateway', 9091]);
  });

  it('turns user:password@ into HTTP Basic authentication; explicit headers win', () => {
    const basic = `Basic ${Buffer.from('ada:p@ss:word', 'utf8').toString('base64')}`;
    expect(resolve('https://ada:p%40ss%3Aword@gw/').channel.httpHeaders).toEqual({ authorization: basic });
    const merged = resolve({
      url: 'https://ada:pw@gw/',
      httpHeaders: { Authorization: 'Bearer t', 'X-Trace': '1' },
    });
    expect(merged.channel.httpHeaders).toEqual({ Authorization: 'Bearer t', 'X-Trace': '1' });
  });

  it.each([
    ['redis://gw:6379', 'options.url', 'redis:'],
    ['gw:9090', 'options.url', undefined],
    ['not a url', 'options.url', undefined],
    ['hbase://', 'options.url (host)', undefined],
    ['hbase://gw:0', 'options.url (port)', undefined],
    ['hbase://gw/table', 'options.url', 'a path only with http(s)'],
    ['https://gw/#top', 'options.url', 'fragment'],
    ['hbase://gw?transport=http', 'options.url (query parameter "transport")', undefined],
    ['https://gw?transport=framed', 'options.url (query parameter "transport")', undefined],
    ['hbase://gw?protocol=json', 'options.url (query parameter "protocol")', undefined],
    ['hbase://gw?timeout=1e3', 'options.url (query parameter "timeout")', undefined],
    ['hbase://gw?compat=2.0', 'options.url (query parameter "compat")', undefined],
    ['hbase://gw?api=thrift3', 'options.url (query parameter "api")', undefined],
    ['hbase://gw?protocl=compact', 'options.url', 'protocl'],
    ['hbase://gw?protocol=binary&protocol=compact', 'options.url (query parameter "protocol")', undefined],
  ])('rejects %s naming %s', (url, argument, mentioned) => {
    const error = rejection(() => resolve(url));
    expect(error.argument).toBe(argument);
    if (mentioned) expect(error.message).toContain(mentioned);
  });

  it('never quotes a URL, its credentials or its path in errors', () => {
    for (const url of [
      'hbase://ada:s3cret@gw',
      'hbases://:s3cret@gw',
      'https://gw/s3cret#x',
      'hbase://gw/s3cret',
      'https://ada:s3cret@gw:99999/',
      'hbase://gw?token=s3cret',
      'https://ada:%E0%A4%A@gw/',
    ]) {
      const error = rejection(() => resolve({ url }));
      expect(error.argument).toMatch(/^options\.url/);
      expect(error.message).not.toContain('s3cret');
      expect(error.message).not.toContain('%E0');
    }
  });

  it('is overridden by the options beside it', () => {
    const resolved = resolve({ url: 'hbase://a:9091?protocol=compact&timeout=100', host: 'b', timeout: 200 });
    expect(resolved.channel).toMatchObject({ host: 'b', port: 9091, protocol: 'compact', timeout: 200 });
    const plain = resolve({ url: 'https://gw:9443/', tls: false });
    expect(plain.channel.tls).toBeUndefined();
    const ca = resolve({ url: 'https://gw:9443/', tls: { ca: 'PEM' } });
    expect(ca.channel.tls).toEqual({ ca: 'PEM' });
  });

  it('cannot be combined with servers', () => {
    const error = rejection(() => resolve({ url: 'hbase://a', servers: ['b:9090'] }));
    expect(error.argument).toBe('options.servers');
  });
});

describe('the api option', () => {
  it("is 'auto' by default, and set by the option, a URL's query parameter or HBASE_API", () => {
    expect(resolve({}).api).toBe('auto');
    expect(resolve({ api: 'thrift1' }).api).toBe('thrift1');
    expect(resolve('hbase://gw:9092?api=thrift2').api).toBe('thrift2');
    expect(resolve({}, { HBASE_API: 'thrift1' }).api).toBe('thrift1');
    // The option wins over the URL, the URL over the environment.
    expect(resolve({ url: 'hbase://gw?api=thrift2', api: 'auto' }).api).toBe('auto');
    expect(resolve({}, { HBASE_URL: 'hbase://gw?api=thrift1' }).api).toBe('thrift1');
  });

  it('describes the endpoint: an endpoint named in code does not take HBASE_API', () => {
    expect(resolve({ port: 9092 }, { HBASE_API: 'thrift1' }).api).toBe('auto');
  });

  it.each([['thrift3'], ['THRIFT1'], [1], [null]])('rejects %p naming options.api', (api) => {
    const error = rejection(() => resolve({ api }));
    expect(error.argument).toBe('options.api');
    expect(error.message).toMatch(/auto.*thrift1.*thrift2/);
  });
});

describe('the HBASE_* environment variables', () => {
  it('are the defaults', () => {
    const resolved = resolve(
      {},
      {
        HBASE_HOST: 'env-host',
        HBASE_PORT: '9091',
        HBASE_TRANSPORT: 'framed',
        HBASE_PROTOCOL: 'compact',
        HBASE_TABLE_PREFIX: 'tenant',
        HBASE_COMPAT: '0.94',
        HBASE_TIMEOUT: '1500',
      },
    );
    expect(resolved.channel).toMatchObject({
      host: 'env-host',
      port: 9091,
      transport: 'framed',
      protocol: 'compact',
      timeout: 1500,
    });
    expect(resolved).toMatchObject({ tablePrefix: 'tenant', compat: '0.94' });
  });

  it('lose to explicit options and to an explicit URL', () => {
    const env = { HBASE_HOST: 'env-host', HBASE_PORT: '9091', HBASE_PROTOCOL: 'compact' };
    expect(resolve({ timeout: 500 }, env).channel).toMatchObject({ host: 'env-host', port: 9091 });
    expect(resolve({ protocol: 'binary' }, env).channel).toMatchObject({ port: 9091, protocol: 'binary' });
    // A host or port in code names another endpoint: none of the environment's applies to it.
    expect(resolve({ port: 9095 }, env).channel).toMatchObject({
      host: 'localhost',
      port: 9095,
      protocol: 'binary',
    });
    // A URL in code names a whole endpoint: the environment's protocol was meant for another one.
    expect(resolve('hbase://url-host', env).channel).toMatchObject({
      host: 'url-host',
      port: 9090,
      protocol: 'binary',
    });
    const https = {
      HBASE_URL: 'https://ada:pw@gw:9443/thrift',
      HBASE_TABLE_PREFIX: 'app',
      HBASE_TIMEOUT: '900',
    };
    const replaced = resolve('hbase://other', https);
    expect(replaced.channel).toMatchObject({
      transport: 'buffered',
      tls: undefined,
      httpPath: '/',
      httpHeaders: {},
    });
    // What a URL does not describe still comes from the environment.
    expect(replaced).toMatchObject({ tablePrefix: 'app', channel: { timeout: 900 } });
    expect(resolve({ servers: ['s:9093'] }, env).servers).toEqual([{ host: 's', port: 9093 }]);
  });

  it.each([
    [{}, { HBASE_TABLE_PREFIX: 'a_b' }, 'HBASE_TABLE_PREFIX'],
    [{}, { HBASE_TABLE_PREFIX: 'bad prefix' }, 'HBASE_TABLE_PREFIX'],
    [{ tablePrefixSeparator: '.' }, { HBASE_TABLE_PREFIX: 'a.b' }, 'HBASE_TABLE_PREFIX'],
    [{}, { HBASE_URL: 'hbase://gw?tablePrefix=a_b' }, 'HBASE_URL (query parameter "tablePrefix")'],
    [
      {},
      { HBASE_URL: 'hbase://gw?tablePrefix=a&tablePrefixSeparator=%2F' },
      'HBASE_URL (query parameter "tablePrefixSeparator")',
    ],
    ['hbase://gw?tablePrefix=a_b', {}, 'options.url (query parameter "tablePrefix")'],
    [
      { url: 'hbase://gw?tablePrefix=a&tablePrefixSeparator=%20' },
      {},
      'options.url (query parameter "tablePrefixSeparator")',
    ],
    [{ tablePrefix: 'a_b' }, { HBASE_TABLE_PREFIX: 'fine' }, 'options.tablePrefix'],
    [{ tablePrefixSeparator: '/' }, { HBASE_TABLE_PREFIX: 'fine' }, 'options.tablePrefixSeparator'],
  ])('a bad table prefix is blamed on where it came from: %j with %j', (options, env, argument) => {
    expect(rejection(() => resolve(options, env)).argument).toBe(argument);
  });

  it.each([
    [{ host: 'other' }],
    [{ port: 9095 }],
    [{ url: 'hbase://other' }],
    [{ servers: ['s1:9090', 's2:9090'] }],
  ])("%j in code drops the environment's whole endpoint, credentials included", (options) => {
    const env = {
      HBASE_URL: 'https://ada:s3cret@proxy:9443/thrift?tablePrefix=app&timeout=900',
      HBASE_PROTOCOL: 'compact',
    };
    const resolved = resolve(options, env);
    expect(resolved.channel).toMatchObject({
      transport: 'buffered',
      protocol: 'binary',
      tls: undefined,
      httpPath: '/',
      httpHeaders: {},
    });
    expect(resolved.servers.some((server) => server.host === 'proxy')).toBe(false);
    // What does not say where to connect still comes from the environment.
    expect(resolved).toMatchObject({ tablePrefix: 'app', channel: { timeout: 900 } });
  });

  it("options that only tune the environment's endpoint keep it", () => {
    const env = { HBASE_URL: 'https://ada:s3cret@proxy:9443/thrift' };
    const resolved = resolve({ timeout: 500, httpHeaders: { 'x-trace': '1' } }, env);
    expect(resolved.channel).toMatchObject({ host: 'proxy', port: 9443, transport: 'http' });
    expect(Object.keys(resolved.channel.httpHeaders).sort()).toEqual(['authorization', 'x-trace']);
  });

  it('HBASE_URL combines with the variables that set something else', () => {
    const resolved = resolve(
      {},
      { HBASE_URL: 'https://gw:9443/thrift', HBASE_TABLE_PREFIX: 'app', HBASE_TIMEOUT: '900' },
    );
    expect(resolved.channel).toMatchObject({
      transport: 'http',
      port: 9443,
      httpPath: '/thrift',
      timeout: 900,
    });
    expect(resolved.tablePrefix).toBe('app');
  });

  it.each([
    [{ HBASE_URL: 'hbase://a:9090', HBASE_PORT: '9091' }, 'HBASE_PORT'],
    [{ HBASE_URL: 'hbase://a', HBASE_HOST: 'b' }, 'HBASE_HOST'],
    [{ HBASE_URL: 'https://a/', HBASE_TRANSPORT: 'framed' }, 'HBASE_TRANSPORT'],
    [{ HBASE_URL: 'hbase://a?protocol=compact', HBASE_PROTOCOL: 'binary' }, 'HBASE_PROTOCOL'],
  ])('one setting from HBASE_URL and its own variable is an error: %j', (env, argument) => {
    const error = rejection(() => resolve({}, env));
    expect(error.argument).toBe(argument);
    expect(error.message).toContain('HBASE_URL');
  });

  it.each([
    ['HBASE_PORT', '90x'],
    ['HBASE_PORT', '1e3'],
    ['HBASE_PORT', '70000'],
    ['HBASE_TIMEOUT', '0'],
    ['HBASE_TIMEOUT', '-5'],
    ['HBASE_TRANSPORT', 'udp'],
    ['HBASE_PROTOCOL', 'json'],
    ['HBASE_COMPAT', '2.0'],
    ['HBASE_API', 'Thrift2'],
    ['HBASE_HOST', 'a b'],
    ['HBASE_URL', 'ftp://gw'],
  ])('%s=%s is rejected naming the variable', (name, value) => {
    expect(rejection(() => resolve({}, { [name]: value })).argument).toMatch(new RegExp(`^${name}`));
  });

  it('never quote HBASE_URL', () => {
    const error = rejection(() => resolve({}, { HBASE_URL: 'hbase://ada:s3cret@gw' }));
    expect(error.argument).toBe('HBASE_URL');
    expect(error.message).not.toContain('s3cret');
  });

  it('count as unset when empty', () => {
    const resolved = resolve({}, { HBASE_HOST: '', HBASE_PORT: '', HBASE_URL: '', HBASE_TABLE_PREFIX: '' });
    expect(resolved.channel).toMatchObject({ host: 'localhost', port: 9090 });
    expect(resolved.tablePrefix).toBeUndefined();
  });

  it('are read from process.env by Connection, and once by ConnectionPool', async () => {
    const connection = withEnv({ HBASE_HOST: 'from-env', HBASE_PORT: '9099' }, () => new Connection());
    expect([connection.host, connection.port]).toEqual(['from-env', 9099]);
    const pool = withEnv(
      { HBASE_URL: 'hbase://pool-env:9098?tablePrefix=p' },
      () => new ConnectionPool({ size: 2 }),
    );
    // The environment changed since: the pool's connections keep what it read at construction.
    const seen = await pool.connection((c) => [c.host, c.port, c.tablePrefix]);
    expect(seen).toEqual(['pool-env', 9098, 'p']);
    await pool.close();
    expect(() => withEnv({ HBASE_PORT: 'x' }, () => new ConnectionPool({ size: 1 }))).toThrow(/HBASE_PORT/);
  });
});

describe('numeric strings', () => {
  it.each([
    [{ port: '9091' }, 9091],
    [{ port: '09091' }, 9091],
  ])('%j is accepted', (options, port) => {
    expect(resolve(options).channel.port).toBe(port);
  });

  it('are accepted for timeout and in servers', () => {
    expect(resolve({ timeout: '2500' }).channel.timeout).toBe(2500);
    expect(resolve({ servers: [{ host: 'a', port: '9091' }, 'b:9092'] }).servers).toEqual([
      { host: 'a', port: 9091 },
      { host: 'b', port: 9092 },
    ]);
  });

  it.each([
    '',
    ' 9090',
    '9090 ',
    '+9090',
    '-1',
    '90x',
    '1e3',
    '0x10',
    '9090.0',
    '0',
    '65536',
    '99999999999999999',
  ])('port %j is rejected', (port) => {
    expect(rejection(() => resolve({ port })).argument).toBe('options.port');
  });

  it.each(['', '1.5', '1e3', '0', 'soon'])('timeout %j is rejected', (timeout) => {
    expect(rejection(() => resolve({ timeout })).argument).toBe('options.timeout');
  });
});

describe('option values checked at construction', () => {
  it.each([
    [{ tls: { ca: 42 } }, 'options.tls.ca'],
    [{ tls: { ca: ['PEM', 42] } }, 'options.tls.ca[1]'],
    [{ tls: { cert: {} } }, 'options.tls.cert'],
    [{ tls: { key: 1 } }, 'options.tls.key'],
    [{ httpPath: '/a b' }, 'options.httpPath'],
    [{ httpHeaders: { 'Bad Name': 'x' } }, 'options.httpHeaders'],
    [{ httpHeaders: { 'X-Ok': 'a\r\nInjected: 1' } }, 'options.httpHeaders.X-Ok'],
    [{ httpHeaders: { 'X-Ok': 5 } }, 'options.httpHeaders.X-Ok'],
    // biome-ignore lint/suspicious/noSparseArray: the sparse array is the case under test.
    [{ servers: [, 'a:1'] }, 'options.servers[0]'],
    [{ servers: [{ host: 'a', port: 1, weight: 2 }] }, 'options.servers[0].weight'],
    [{ servers: ['a:0'] }, 'options.servers[0]'],
  ])('%j is rejected naming %s', (options, argument) => {
    expect(rejection(() => new Connection(options as never)).argument).toBe(argument);
  });

  it('never quotes a passphrase or a header value', () => {
    const passphrase = rejection(() => resolve({ tls: { passphrase: 123456789 } }));
    expect(passphrase.argument).toBe('options.tls.passphrase');
    expect(passphrase.message).not.toContain('123456789');
    const header = rejection(() => resolve({ httpHeaders: { Authorization: 'Bearer s3cret\n' } }));
    expect(header.message).not.toContain('s3cret');
  });

  it('reads only own properties: a polluted Object.prototype changes nothing', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.tablePrefix = 'evil';
    proto.rejectUnauthorized = false;
    proto.port = 1;
    try {
      const resolved = resolve({ tls: true });
      expect(resolved.tablePrefix).toBeUndefined();
      expect(resolved.channel.port).toBe(9090);
      expect(resolved.channel.tls).toEqual({});
      expect(Object.hasOwn(resolved.channel.tls!, 'rejectUnauthorized')).toBe(false);
      expect(new Connection().table('t').name).toBe('t');
      proto.limit = 1;
      proto.rowStart = 'zzz';
      for (const options of [undefined, {}]) {
        const scan = buildScanRequest('0.98', options, 32_767);
        expect(scan.limit).toBeUndefined();
        expect(scan.scan.startRow ?? undefined).toBeUndefined(); // null or undefined: not set
      }
    } finally {
      delete proto.tablePrefix;
      delete proto.rejectUnauthorized;
      delete proto.port;
      delete proto.limit;
      delete proto.rowStart;
    }
  });
});
