// @nestjs/terminus is an optional peer dependency: hbase-mapper/nest must load without it, and only
// hbase-mapper/nest/health needs it. Its absence is simulated by making it fail to load.
jest.mock('@nestjs/terminus', () => {
  throw Object.assign(new Error("Cannot find module '@nestjs/terminus'"), { code: 'MODULE_NOT_FOUND' });
});

it('loads hbase-mapper/nest without @nestjs/terminus', () => {
  jest.isolateModules(() => {
    const nest = require('../../../src/nest') as typeof import('../../../src/nest');
    expect(typeof nest.HBaseModule.forRoot).toBe('function');
  });
});

it('needs @nestjs/terminus for hbase-mapper/nest/health only', () => {
  jest.isolateModules(() => {
    expect(() => require('../../../src/nest/health')).toThrow(/Cannot find module '@nestjs\/terminus'/);
  });
});
