// Table prefixes are unambiguous: a prefix may not contain its separator, so every prefixed table
// name has one owner — "acme" and "acme_evil" cannot both be prefixes (both would claim
// "acme_evil_data"). Tenants with prefixes that pass the rule see only their own tables. Against
// the real HBase.
import { Connection, InvalidArgumentError } from '../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../support/gateway';

const base = uniquePrefix('prefixes');
const opened: Connection[] = [];
const connect = (tablePrefix: string, tablePrefixSeparator?: string) => {
  const connection = new Connection({ ...gateways.default(), tablePrefix, tablePrefixSeparator });
  opened.push(connection);
  return connection;
};

afterAll(async () => {
  for (const connection of opened) {
    await dropPrefixedTables(connection);
    await connection.close();
  }
});

function refused(options: ConstructorParameters<typeof Connection>[0], argument: string): void {
  let error: unknown;
  try {
    new Connection(options);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).argument).toBe(argument);
}

describe('table prefixes', () => {
  it('a prefix containing its separator is refused: it could not be told from a shorter one', () => {
    refused({ tablePrefix: 'acme_evil' }, 'options.tablePrefix');
    refused({ tablePrefix: 'a.b', tablePrefixSeparator: '.' }, 'options.tablePrefix');
    // With a separator of several characters, the prefix may not end in a part of it either.
    refused({ tablePrefix: 'acme_', tablePrefixSeparator: '__' }, 'options.tablePrefix');
    refused({ tablePrefix: 'ns:acme' }, 'options.tablePrefix');
    refused({ tablePrefix: 'ac me' }, 'options.tablePrefix');
    refused({ tablePrefix: 'acme', tablePrefixSeparator: '' }, 'options.tablePrefixSeparator');
    refused({ tablePrefix: 'acme', tablePrefixSeparator: ':' }, 'options.tablePrefixSeparator');
    expect(new Connection({ tablePrefix: 'acme_evil', tablePrefixSeparator: '.' }).table('x').name).toBe(
      'acme_evil.x',
    );
    expect(new Connection({ tablePrefix: 'acme', tablePrefixSeparator: '__' }).table('x_y').name).toBe(
      'acme__x_y',
    );
  });

  it('each tenant lists and reaches only its own tables', async () => {
    const acme = connect(base);
    const evil = connect(`${base}-evil`);
    const dotted = connect(base, '.');
    await acme.createTable('evil_data', { cf: {} });
    await evil.createTable('data', { cf: {} });
    await dotted.createTable('data', { cf: {} });
    expect(await acme.tables()).toEqual(['evil_data']);
    expect(await evil.tables()).toEqual(['data']);
    expect(await dotted.tables()).toEqual(['data']);
    await evil.table('data').put('secret', { 'cf:q': 'evil' });
    expect(await acme.table('evil_data').row('secret')).toEqual({});
  });
});
