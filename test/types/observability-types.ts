// Compile-time checks of the logger option and the typed events, enforced by `npm run typecheck`:
// every `@ts-expect-error` below must stay an error, every other line must compile. Never executed.
import { Logger as NestLogger } from '@nestjs/common';
import pino from 'pino';
import winston from 'winston';
import type { Connection, ConnectionOptions, ConnectionPool, HBaseError, Logger, PoolStats } from '../../src';

export function loggersThatFit(): ConnectionOptions[] {
  const custom: Logger = { warn: (message: string) => void message };
  return [
    { logger: console },
    { logger: pino() },
    { logger: winston.createLogger() },
    { logger: new NestLogger('HBase') },
    { logger: custom },
    // @ts-expect-error a logger takes a message string
    { logger: { info: (message: number) => message } },
  ];
}

export function typedConnectionEvents(connection: Connection): void {
  connection.on('connect', ({ host, port, api }) => `${host}:${port} ${api}`);
  connection.on(
    'retry',
    ({ method, attempt, delay, reason }) => `${method} ${attempt} ${delay} ${reason.error}`,
  );
  connection.on('failover', ({ to, reason }) => `${to.host}:${to.port} ${reason.message}`);
  connection.on('error', (error: HBaseError, { reason }) => `${error.name} ${reason.error}`);
  connection.on('close', ({ host }) => host);
  // @ts-expect-error no such event
  connection.on('conect', () => undefined);
  // @ts-expect-error a retry event has no `rowKey`
  connection.on('retry', ({ rowKey }) => rowKey);
}

export function typedPoolEvents(pool: ConnectionPool): PoolStats {
  pool.on('create', ({ connection }) => connection.host);
  pool.on('destroy', ({ reason }) => (reason === 'failed' ? 1 : 0));
  pool.on('acquireTimeout', ({ timeout, waiting }) => timeout + waiting);
  pool.on('retry', ({ attempt }) => attempt);
  pool.on('close', () => undefined);
  // @ts-expect-error 'failed' and 'closed' are the only reasons
  pool.on('destroy', ({ reason }) => reason === 'evicted');
  const { size, open, idle, leased, waiting, created, destroyed, failures } = pool.stats();
  return { size, open, idle, leased, waiting, created, destroyed, failures };
}
