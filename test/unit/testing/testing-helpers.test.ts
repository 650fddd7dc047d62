import { InvalidArgumentError } from '../../../src';
import { cacheDirectory, tablePrefix } from '../../../src/testing';
import { gatewayUrl } from '../../../src/testing/gateway-options';
import type { InstanceRecord } from '../../../src/testing/instance-record';
import { javaMajorVersion } from '../../../src/testing/java';
import { isReuseKey } from '../../../src/testing/reuse-key';

describe('javaMajorVersion', () => {
  test.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_292"', 8],
    ['openjdk version "11.0.2" 2019-01-15', 11],
    ['openjdk version "22-ea" 2024-03-19', 22],
  ])('%s → %d', (output, major) => {
    expect(javaMajorVersion(output)?.major).toBe(major);
  });
  test('no version in the output', () => expect(javaMajorVersion('command not found')).toBeUndefined());
});

describe('tablePrefix', () => {
  const saved = { jest: process.env.JEST_WORKER_ID, vitest: process.env.VITEST_POOL_ID };
  afterEach(() => {
    process.env.JEST_WORKER_ID = saved.jest;
    if (saved.vitest === undefined) delete process.env.VITEST_POOL_ID;
  });
  test("Jest's worker", () => {
    process.env.JEST_WORKER_ID = '3';
    expect(tablePrefix()).toBe('test-w3');
    expect(tablePrefix({ base: 'orders' })).toBe('orders-w3');
  });
  test("Vitest's pool, then the process", () => {
    delete process.env.JEST_WORKER_ID;
    process.env.VITEST_POOL_ID = '2';
    expect(tablePrefix()).toBe('test-w2');
    delete process.env.VITEST_POOL_ID;
    expect(tablePrefix()).toBe(`test-wp${process.pid}`);
  });
  test('unique: another prefix on every call', () => {
    expect(tablePrefix({ unique: true })).not.toBe(tablePrefix({ unique: true }));
    expect(tablePrefix({ unique: true, workerId: 1 })).toMatch(/^test-w1-[0-9a-f]{6}$/);
  });
  test('no _ (the separator) and nothing a table name cannot hold', () => {
    expect(() => tablePrefix({ base: 'a_b' })).toThrow(InvalidArgumentError);
    expect(() => tablePrefix({ workerId: 'x y' })).toThrow(/options.workerId/);
  });
});

test('cacheDirectory: HBASE_MAPPER_CACHE, then XDG_CACHE_HOME, then ~/.cache', () => {
  expect(cacheDirectory({ HBASE_MAPPER_CACHE: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c');
  expect(cacheDirectory({ XDG_CACHE_HOME: '/x' })).toBe('/x/hbase-mapper');
  expect(cacheDirectory({})).toMatch(/\.cache\/hbase-mapper$/);
});

test('gateway URLs say transport, protocol and API', () => {
  const record = {
    ports: {
      gateways: { thrift1: { port: 1 }, 'thrift2-framed': { port: 2 }, 'thrift1-https': { port: 3 } },
    },
  } as unknown as InstanceRecord;
  expect(gatewayUrl(record, 'thrift1')).toBe('hbase://127.0.0.1:1?api=thrift1');
  expect(gatewayUrl(record, 'thrift2-framed')).toBe(
    'hbase://127.0.0.1:2?transport=framed&protocol=compact&api=thrift2',
  );
  expect(gatewayUrl(record, 'thrift1-https')).toBe('https://127.0.0.1:3/?api=thrift1');
});

describe('isReuseKey (options.reuse, LocalHBase.stopReused, the CLI --key)', () => {
  test.each(['default', 'a.b_c-1', 'x'.repeat(64)])('%s is a key', (key) =>
    expect(isReuseKey(key)).toBe(true),
  );
  test.each(['', 'x'.repeat(65), 'a/b', '../up', 'a b', 7, undefined])('%p is not', (key) =>
    expect(isReuseKey(key)).toBe(false),
  );
});
