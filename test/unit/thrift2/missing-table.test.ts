import { IOError, TableNotFoundError } from '../../../src';
import { TTableName } from '../../../src/client/thrift2/generated/hbase_types';
import { recognizeMissingTable } from '../../../src/client/thrift2/missing-table';

describe('recognizeMissingTable', () => {
  it("an IOError saying exactly the call's table name is a TableNotFoundError", () => {
    const error = recognizeMissingTable(new IOError('ns:users'), Buffer.from('ns:users'));
    expect(error).toBeInstanceOf(TableNotFoundError);
    expect((error as Error).message).toBe('org.apache.hadoop.hbase.TableNotFoundException: ns:users');
    // Admin calls name the table as a TTableName; the default namespace goes unnamed.
    const admin = new TTableName({ ns: Buffer.from('default'), qualifier: Buffer.from('users') });
    expect(recognizeMissingTable(new IOError('users'), admin)).toBeInstanceOf(TableNotFoundError);
  });

  it('keeps the frames where the reply was decoded', () => {
    const original = new IOError('users');
    const error = recognizeMissingTable(original, Buffer.from('users')) as Error;
    expect(error.stack?.split('\n').slice(1)).toEqual(original.stack?.split('\n').slice(1));
  });

  it('answers any other failure as it is', () => {
    for (const [error, table] of [
      [new IOError('users is disabled.'), Buffer.from('users')],
      [new IOError('users'), Buffer.from('other')],
      [new IOError('users'), 42],
      [new Error('users'), Buffer.from('users')],
    ] as const) {
      expect(recognizeMissingTable(error, table)).toBe(error);
    }
  });
});
