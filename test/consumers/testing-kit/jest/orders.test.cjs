// A Jest test file (CommonJS, as `require` users write it): the instance of the global setup.
const { Connection } = require('hbase-mapper');
const { sharedConnectionOptions, tablePrefix } = require('hbase-mapper/testing');

test('the instance of the global setup answers on both gateways', async () => {
  const options = { ...sharedConnectionOptions('thrift2'), tablePrefix: tablePrefix() };
  await Connection.using(options, async (connection) => {
    await connection.createTable('orders', { cf: {} });
    await connection.table('orders').put('o-1', { 'cf:total': '42' });
  });
  // HBASE_URL (the first gateway, Thrift1) is all a Connection without options needs.
  const row = await Connection.using({ tablePrefix: tablePrefix() }, (c) => c.table('orders').row('o-1'));
  expect(row['cf:total'].toString()).toBe('42');
  console.log(`JEST-USED ${process.env.HBASE_URL}`);
});
