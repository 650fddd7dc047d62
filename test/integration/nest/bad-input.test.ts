// Malformed options of the NestJS module, table-driven: each is an InvalidArgumentError naming the
// option — thrown when the module is declared for what shapes the module, a rejected start-up for
// the connection options — and nothing reaches the gateway (a counting proxy stands in front).
import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  getConnectionPoolToken,
  getRepositoryToken,
  HBaseModule,
  InjectConnectionPool,
  InjectRepository,
} from '../../../src/nest';
import { type BadInputCase, bad, badSync, expectRejected, uniqueCases } from '../../support/bad-input';
import { gateways } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';
import { User } from './fixtures';

let proxy: TcpProxy;

beforeAll(async () => {
  proxy = await TcpProxy.start(gateways.default().host, gateways.default().port);
});

afterAll(async () => {
  await proxy.close();
});

const any = (value: unknown) => value as never;
const through = () => ({ size: 1, host: '127.0.0.1', port: proxy.port });
const useFactory = () => through();

/** Starts an app with the module; a bad option rejects the start-up. */
async function startUp(module: DynamicModule): Promise<void> {
  const app = await Test.createTestingModule({ imports: [module] }).compile();
  await app.close(); // only reached if the options were accepted
}

const declarationCases = (): BadInputCase[] => [
  badSync('forRoot: options undefined', 'options', () => HBaseModule.forRoot(any(undefined))),
  badSync('forRoot: options a string', 'options', () => HBaseModule.forRoot(any('hbase://localhost'))),
  badSync('forRoot: options an array', 'options', () => HBaseModule.forRoot(any([]))),
  badSync('forRoot: name empty', 'options.name', () => HBaseModule.forRoot({ ...through(), name: '' })),
  badSync('forRoot: name a number', 'options.name', () =>
    HBaseModule.forRoot({ ...through(), name: any(5) }),
  ),
  badSync('forRoot: isGlobal a string', 'options.isGlobal', () =>
    HBaseModule.forRoot({ ...through(), isGlobal: any('yes') }),
  ),
  badSync('forRootAsync: options undefined', 'options', () => HBaseModule.forRootAsync(any(undefined))),
  badSync('forRootAsync: no way to build the options', 'options', () => HBaseModule.forRootAsync({})),
  badSync('forRootAsync: two ways to build the options', 'options', () =>
    HBaseModule.forRootAsync({ useFactory, useExisting: 'x' }),
  ),
  badSync('forRootAsync: an unknown option', 'options.retries', () =>
    HBaseModule.forRootAsync(any({ useFactory, retries: 3 })),
  ),
  badSync('forRootAsync: useFactory a string', 'options.useFactory', () =>
    HBaseModule.forRootAsync({ useFactory: any('f') }),
  ),
  badSync('forRootAsync: useClass an object', 'options.useClass', () =>
    HBaseModule.forRootAsync({ useClass: any({}) }),
  ),
  badSync('forRootAsync: inject a string', 'options.inject', () =>
    HBaseModule.forRootAsync({ useFactory, inject: any('ConfigService') }),
  ),
  badSync('forRootAsync: inject without useFactory', 'options.inject', () =>
    HBaseModule.forRootAsync({ useExisting: 'x', inject: ['y'] }),
  ),
  badSync('forRootAsync: imports an object', 'options.imports', () =>
    HBaseModule.forRootAsync({ useFactory, imports: any({}) }),
  ),
  badSync('forRootAsync: extraProviders a string', 'options.extraProviders', () =>
    HBaseModule.forRootAsync({ useFactory, extraProviders: any('p') }),
  ),
  badSync('forRootAsync: name empty', 'options.name', () =>
    HBaseModule.forRootAsync({ useFactory, name: '' }),
  ),
  badSync('forRootAsync: isGlobal a number', 'options.isGlobal', () =>
    HBaseModule.forRootAsync({ useFactory, isGlobal: any(1) }),
  ),
  badSync('forFeature: entities a class', 'entities', () => HBaseModule.forFeature(any(User))),
  badSync('forFeature: entities with a string', 'entities', () =>
    HBaseModule.forFeature([User, any('Event')]),
  ),
  badSync('forFeature: name a number', 'name', () => HBaseModule.forFeature([User], any(42))),
  badSync('forFeature: name empty', 'name', () => HBaseModule.forFeature([User], '')),
  badSync('getRepositoryToken: entity undefined', 'entity', () => getRepositoryToken(any(undefined))),
  badSync('getRepositoryToken: entity a string', 'entity', () => getRepositoryToken(any('User'))),
  badSync('getRepositoryToken: name empty', 'name', () => getRepositoryToken(User, '')),
  badSync('getConnectionPoolToken: name empty', 'name', () => getConnectionPoolToken('')),
  badSync('getConnectionPoolToken: name a number', 'name', () => getConnectionPoolToken(any(1))),
  badSync('InjectRepository: entity undefined', 'entity', () => InjectRepository(any(undefined))),
  badSync('InjectConnectionPool: name empty', 'name', () => InjectConnectionPool('')),
];

const startUpCases = (): BadInputCase[] => {
  const staticOptions: Array<[string, Record<string, unknown>, string]> = [
    ['size 0', { size: 0 }, 'options.size'],
    ['size missing', { size: undefined }, 'options.size'],
    ['port negative', { port: -1 }, 'options.port'],
    ['timeout a word', { timeout: 'soon' }, 'options.timeout'],
    ['an unknown option', { colour: 'red' }, 'options.colour'],
    ['tls a number', { tls: 5 }, 'options.tls'],
    ['entities a class', { entities: User, synchronize: true }, 'options.entities'],
    ['synchronize a string', { synchronize: 'yes' }, 'options.synchronize'],
    [
      'a header value with a line break',
      { transport: 'http', httpHeaders: { a: 'x\ny' } },
      'options.httpHeaders.a',
    ],
  ];
  return [
    ...staticOptions.map(([what, options, argument]) =>
      bad(`forRoot start-up: ${what}`, argument, () =>
        startUp(HBaseModule.forRoot(any({ ...through(), ...options }))),
      ),
    ),
    ...staticOptions.map(([what, options, argument]) =>
      bad(`forRootAsync start-up: ${what}`, argument, () =>
        startUp(HBaseModule.forRootAsync({ useFactory: () => any({ ...through(), ...options }) })),
      ),
    ),
    bad('forRootAsync start-up: the factory returns null', 'options of HBase connection "default"', () =>
      startUp(HBaseModule.forRootAsync({ useFactory: () => any(null) })),
    ),
    bad(
      'forRootAsync start-up: a named factory returns a string',
      'options of HBase connection "analytics"',
      () => startUp(HBaseModule.forRootAsync({ name: 'analytics', useFactory: () => any('hbase://x') })),
    ),
  ];
};

const cases = uniqueCases([...declarationCases(), ...startUpCases()]);

describe(`bad input to the NestJS module: ${cases.length} cases`, () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectRejected(c, () => proxy.bytesFromClients);
  });

  it('sent nothing through the proxy', () => {
    expect(proxy.bytesFromClients).toBe(0);
  });
});
