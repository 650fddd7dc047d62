// The `logger` option: what a connection and a pool log (connects, reconnects, failovers, retries,
// timeouts, pool replacements, acquire timeouts), that real loggers (pino, winston, console,
// NestJS's Logger) fit it, and that no line ever carries a value, a row key or a credential.
// NODE_DEBUG=hbase-mapper is read at start-up, so it is tested in a child process.
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { Logger as NestLogger } from '@nestjs/common';
import pino from 'pino';
import winston from 'winston';
import {
  Connection,
  ConnectionClosedError,
  type ConnectionOptions,
  ConnectionPool,
  InvalidArgumentError,
  NoConnectionsAvailableError,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';
import { CapturingLogger } from '../../support/log-capture';
import { TcpProxy } from '../../support/tcp-proxy';

const KEY_MARKER = 'rowkey-MARKER-6d1f';
const VALUE_MARKER = 'value-MARKER-a93c';
const SECRET = 'pass-MARKER-0b7e';
const TOKEN = 'token-MARKER-55aa';
const MARKERS = ['MARKER', SECRET, TOKEN];

const prefix = uniquePrefix('logging');
let proxy: TcpProxy;

beforeAll(async () => {
  await using admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await admin.createTable('t', { cf: {} });
});

afterAll(async () => {
  await using admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await dropPrefixedTables(admin);
});

beforeEach(async () => {
  proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
});

afterEach(async () => {
  await proxy.close();
});

const viaProxy = (): ConnectionOptions & { port: number } => ({
  ...gateways.default(),
  host: '127.0.0.1',
  port: proxy.port,
  tablePrefix: prefix,
});

/** Polls `done()` (bounded: 200 rounds of 10 ms) for what the client notices asynchronously. */
async function eventually(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(done()).toBe(true);
}

describe('the logger option', () => {
  it('is validated, naming the option at fault', () => {
    expect(() => new Connection({ logger: 42 as never })).toThrow(InvalidArgumentError);
    expect(() => new Connection({ logger: 42 as never })).toThrow(/options\.logger/);
    expect(() => new Connection({ logger: {} as never })).toThrow(/options\.logger: expected an object with/);
    expect(() => new Connection({ logger: { info: 'yes' } as never })).toThrow(/options\.logger\.info/);
    expect(() => new ConnectionPool({ size: 1, logger: null as never })).toThrow(/options\.logger/);
  });

  it('takes console, pino, winston and NestJS loggers as they are', () => {
    const loggers = [
      console,
      pino({ enabled: false }),
      winston.createLogger({ silent: true }),
      new NestLogger('x'),
    ];
    for (const logger of loggers)
      expect(() => new Connection({ ...gateways.default(), logger })).not.toThrow();
  });

  it('logs a connect (debug) and a close (debug)', async () => {
    const logger = new CapturingLogger();
    const connection = new Connection({ ...viaProxy(), logger });
    await connection.ping();
    await connection.close();
    expect(logger.at('debug')).toEqual([
      expect.stringMatching(new RegExp(`^connected to 127\\.0\\.0\\.1:${proxy.port} \\(thrift[12]\\)$`)),
      `closed the connection to 127.0.0.1:${proxy.port}`,
    ]);
    expect(logger.at('warn')).toEqual([]);
  });

  it('logs a call timeout, the retry (attempt and delay) and the reconnection', async () => {
    const logger = new CapturingLogger();
    await using connection = new Connection({ ...viaProxy(), logger, timeout: 500, retry: { backoff: 20 } });
    await connection.ping();
    proxy.stallAll();
    await connection.table('t').row(KEY_MARKER);
    const warnings = logger.at('warn');
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^transport failure on 127\\.0\\.0\\.1:${proxy.port}: ConnectionClosedError: .*dropped after a timeout$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^retrying \\w+ on 127\\.0\\.0\\.1:${proxy.port} in \\d+ ms \\(attempt 1 failed: TimeoutError: \\w+: no reply from .* within 500 ms\\)$`,
        ),
      ),
    ]);
    expect(logger.at('info')).toEqual([
      expect.stringMatching(/^reconnected to 127\.0\.0\.1:\d+ \(thrift[12]\)$/),
    ]);
  });

  it('logs a socket the gateway closed, then the reconnection', async () => {
    const logger = new CapturingLogger();
    await using connection = new Connection({ ...viaProxy(), logger });
    await connection.ping();
    proxy.cutAll();
    await eventually(() => logger.at('warn').length > 0);
    expect(logger.at('warn')).toEqual([
      `transport failure on 127.0.0.1:${proxy.port}: ConnectionClosedError: the connection to 127.0.0.1:${proxy.port} (buffered/binary) was closed by the server`,
    ]);
    await connection.ping();
    expect(logger.at('info')).toEqual([expect.stringMatching(/^reconnected to/)]);
  });

  it('logs a failover, with the reason', async () => {
    const logger = new CapturingLogger();
    const { host, port } = gateways.default();
    await using connection = new Connection({
      servers: ['127.0.0.1:1', { host, port }],
      logger,
      timeout: 5_000,
    });
    await connection.ping();
    const warnings = logger.at('warn');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^transport failure on 127\.0\.0\.1:1: ConnectionFailedError: cannot connect to 127\.0\.0\.1:1/,
    );
    expect(warnings[1]).toMatch(
      new RegExp(
        `^failing over from 127\\.0\\.0\\.1:1 to ${host}:${port}: ConnectionFailedError: cannot connect`,
      ),
    );
    expect(logger.at('debug')).toEqual([
      expect.stringMatching(new RegExp(`^connected to ${host}:${port} \\(thrift[12]\\)$`)),
    ]);
  });

  it('a pool logs its connections, a replacement and an acquire timeout', async () => {
    const logger = new CapturingLogger();
    const pool = new ConnectionPool({ ...viaProxy(), size: 1, logger, timeout: 5_000 });
    try {
      await pool.ping();
      const broken = pool.connection(async (connection) => {
        proxy.stallAll();
        const call = connection.ping();
        proxy.cutAll();
        await call;
      });
      await expect(broken).rejects.toBeInstanceOf(ConnectionClosedError);
      await pool.connection(async () => {
        await expect(pool.acquire({ timeout: 50 })).rejects.toBeInstanceOf(NoConnectionsAvailableError);
      });
    } finally {
      await pool.close();
    }
    const where = `127.0.0.1:${proxy.port}`;
    expect(logger.at('warn')).toEqual([
      expect.stringMatching(new RegExp(`^transport failure on ${where}: ConnectionClosedError: `)),
      `pool: replacing a connection to ${where} whose lease ended with a transport failure`,
      'pool: no connection became free within 50 ms (size 1, leased 1, waiting 0)',
    ]);
    expect(logger.at('debug')).toEqual([
      'pool: created a connection (1 of 1)',
      expect.stringMatching(new RegExp(`^connected to ${where} `)),
      // The replacement: leased, but it makes no call, so it never connects.
      'pool: created a connection (1 of 1)',
      `pool: closed a connection to ${where}`,
      'pool: closed (connections closed in all: 2)',
    ]);
  });

  it('pino and winston receive the messages', async () => {
    const pinoLines: string[] = [];
    const winstonLines: string[] = [];
    const sink = (lines: string[]) =>
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
    const pinoLogger = pino({ level: 'debug' }, sink(pinoLines));
    const winstonLogger = winston.createLogger({
      level: 'debug',
      transports: [new winston.transports.Stream({ stream: sink(winstonLines) })],
    });
    for (const logger of [pinoLogger, winstonLogger]) {
      const connection = new Connection({ ...viaProxy(), logger });
      await connection.ping();
      await connection.close();
    }
    await eventually(() => pinoLines.length >= 2 && winstonLines.length >= 2);
    for (const lines of [pinoLines, winstonLines]) {
      const entries = lines.map(
        (line) => JSON.parse(line) as { level: unknown; msg?: string; message?: string },
      );
      expect(entries.map((e) => e.msg ?? e.message)).toEqual([
        expect.stringMatching(/^connected to 127\.0\.0\.1:\d+ /),
        expect.stringMatching(/^closed the connection to 127\.0\.0\.1:\d+$/),
      ]);
    }
  });
});

describe('what is never logged', () => {
  /** Data with markers, then faults: a timeout and retry mid-read, a lost socket, a reconnection. */
  async function workWithFaults(connection: Connection, proxy: TcpProxy): Promise<void> {
    const table = connection.table('t');
    await table.put(KEY_MARKER, { 'cf:q': VALUE_MARKER });
    expect((await table.row(KEY_MARKER))['cf:q']?.toString()).toBe(VALUE_MARKER);
    for await (const _ of table.scan({ rowPrefix: KEY_MARKER })) {
      // read through
    }
    proxy.stallAll();
    expect((await table.row(KEY_MARKER))['cf:q']?.toString()).toBe(VALUE_MARKER);
    proxy.cutAll();
    // A read (retried if it meets the socket being cut), then a write on the fresh socket.
    expect((await table.row(KEY_MARKER))['cf:q']?.toString()).toBe(VALUE_MARKER);
    await table.put(KEY_MARKER, { 'cf:q': VALUE_MARKER });
    await connection.close();
  }

  it('no value, row key, password or header over a socket', async () => {
    const logger = new CapturingLogger();
    await workWithFaults(
      new Connection({ ...viaProxy(), logger, timeout: 1_000, retry: { backoff: 10 } }),
      proxy,
    );
    expect(logger.at('warn').length).toBeGreaterThanOrEqual(2); // the faults were logged
    for (const marker of MARKERS) expect(logger.text).not.toContain(marker);
  });

  it('no value, row key, password or header over HTTP (credentials in the URL and a header)', async () => {
    const http = gateways.http();
    const httpProxy = await TcpProxy.start(http.host, http.port);
    const logger = new CapturingLogger();
    const connection = new Connection({
      url: `http://user:${SECRET}@127.0.0.1:${httpProxy.port}/`,
      httpHeaders: { 'x-api-key': TOKEN },
      tablePrefix: prefix,
      logger,
      timeout: 1_000,
      retry: { backoff: 10 },
    });
    try {
      await workWithFaults(connection, httpProxy);
    } finally {
      await httpProxy.close();
    }
    expect(logger.at('warn').length).toBeGreaterThanOrEqual(2);
    expect(logger.text).toContain(`127.0.0.1:${httpProxy.port}`);
    for (const marker of MARKERS) expect(logger.text).not.toContain(marker);
    expect(logger.text).not.toContain('user:');
  });
});

describe('NODE_DEBUG=hbase-mapper', () => {
  it('writes the messages to stderr, and the leak warning says where the connection was made', () => {
    const { host, port } = gateways.default();
    const script = `
      const { Connection, ConnectionPool } = require('./src');
      async function leakPool() {
        const leaked = new ConnectionPool({ host: ${JSON.stringify(host)}, port: ${port}, size: 1 });
        await leaked.ping();
      }
      async function leak() {
        const leaked = new Connection({ host: ${JSON.stringify(host)}, port: ${port} });
        await leaked.ping();
      }
      (async () => {
        const connection = new Connection({ host: ${JSON.stringify(host)}, port: ${port} });
        await connection.table(${JSON.stringify(`${prefix}_t`)}, { usePrefix: false }).row(${JSON.stringify(KEY_MARKER)});
        await connection.close();
        await leak();
        await leakPool();
        for (let i = 0; i < 40; i++) {
          gc();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      })();`;
    const { stderr, status } = spawnSync(
      process.execPath,
      ['--expose-gc', '-r', './test/support/ts-register.cjs', '-e', script],
      { env: { ...process.env, NODE_DEBUG: 'hbase-mapper' }, encoding: 'utf8', timeout: 30_000 },
    );
    expect(status).toBe(0);
    expect(stderr).toMatch(
      new RegExp(`HBASE-MAPPER \\d+: debug connected to ${host}:${port} \\(thrift[12]\\)`),
    );
    expect(stderr).toMatch(new RegExp(`HBASE-MAPPER \\d+: debug closed the connection to ${host}:${port}`));
    expect(stderr).toMatch(
      /\[HBASE_MAPPER_LEAK\] ResourceWarning: a Connection to .* was garbage-collected while still open/,
    );
    expect(stderr).toMatch(/Created at:\n\s+at leak \(\[eval\]/);
    expect(stderr).toMatch(/ResourceWarning: a ConnectionPool to .* garbage-collected while still open/);
    expect(stderr).toMatch(/Created at:\n\s+at leakPool \(\[eval\]/);
    expect(stderr).not.toContain('MARKER');
  });
});
