// class-validator is an optional peer dependency: without it the mapper loads and saves as usual
// (no validation), and only an explicit `validate` asks for it (an InvalidArgumentError, nothing
// written). Its absence is simulated by making it fail to load, as a missing package does.
import 'reflect-metadata';
import { dropPrefixedTables, gatewayApi, gateways, uniquePrefix } from '../../support/gateway';

jest.mock('class-validator', () => {
  throw Object.assign(new Error("Cannot find module 'class-validator'"), { code: 'MODULE_NOT_FOUND' });
});

type Library = typeof import('../../../src');
const prefix = uniquePrefix(`novalidator-${gatewayApi}-${process.env.DECORATORS ?? 'standard'}`);

let lib: Library;
let admin: InstanceType<Library['Connection']>;

beforeAll(() => {
  jest.isolateModules(() => {
    lib = require('../../../src') as Library;
  });
  admin = new lib.Connection({ ...gateways.default(), tablePrefix: prefix });
});

afterAll(async () => {
  await dropPrefixedTables(admin as never);
  await admin.close();
});

it('class-validator is indeed not loadable here', () => {
  expect(() => require('class-validator')).toThrow(/Cannot find module 'class-validator'/);
});

it('saves without validating; validate: true is refused before anything is written', async () => {
  const { Column, Entity, Repository, RowKey, syncSchema, utf8, InvalidArgumentError } = lib;
  @Entity({ table: 'notes', families: { f: {} } })
  class Note {
    @RowKey({ codec: utf8 }) id!: string;
    @Column({ family: 'f', codec: utf8 }) text?: string;
  }
  await syncSchema(admin, [Note]);
  const notes = new Repository(Note, admin);
  await notes.save(Object.assign(new Note(), { id: 'n1', text: 'saved' }));
  await notes.update('n1', { text: 'updated' });
  expect((await notes.findOneOrFail('n1')).text).toBe('updated');

  const error = await notes.save(Object.assign(new Note(), { id: 'n2' }), { validate: true }).catch((e) => e);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect(error.argument).toBe('options.validate');
  expect(error.message).toMatch(/class-validator installed/);
  const strict = new Repository(Note, admin, { validate: { groups: ['x'] } });
  await expect(strict.update('n1', { text: 'no' })).rejects.toThrow(InvalidArgumentError);
  // ...but a call may still switch it off.
  await strict.save(Object.assign(new Note(), { id: 'n3', text: 'ok' }), { validate: false });
  expect(await notes.raw((table) => table.row('n2'))).toEqual({});
  expect((await notes.findOneOrFail('n1')).text).toBe('updated');
  expect((await notes.findOneOrFail('n3')).text).toBe('ok');
});
