// A Vitest test file: the instance of the global setup, through inject() and the environment.
import { Connection } from 'hbase-mapper';
import { type SharedLocalHBase, sharedConnectionOptions, tablePrefix } from 'hbase-mapper/testing';
import { expect, inject, test } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    hbaseMapperTesting: SharedLocalHBase;
  }
}

test('the instance of the global setup answers', async () => {
  expect(inject('hbaseMapperTesting').options.thrift1).toEqual(sharedConnectionOptions());
  await using connection = new Connection({ ...sharedConnectionOptions(), tablePrefix: tablePrefix() });
  await connection.createTable('orders', { cf: {} });
  expect(await connection.tables()).toEqual(['orders']);
  console.log(`VITEST-USED ${process.env.HBASE_URL}`);
});
