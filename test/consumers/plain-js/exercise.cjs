// The checks both entry points run, given the library as each loaded it (main.cjs with `require`,
// main.mjs with `import`, and main.cjs again inside an esbuild bundle).
const assert = require('node:assert/strict');

/**
 * @param {typeof import('hbase-mapper')} lib
 * @param {string} runner
 */
async function exercise(lib, runner) {
  const {
    ConnectionPool,
    InvalidArgumentError,
    Repository,
    TableNotFoundError,
    defineEntity,
    syncSchema,
    utf8,
  } = lib;

  class Note {
    /** @type {string} */
    id = '';
    /** @type {string | undefined} */
    text = undefined;
    /** @type {bigint | undefined} */
    views = undefined;
  }
  defineEntity(Note, {
    table: 'notes',
    families: { n: { maxVersions: 1 } },
    rowKey: { id: { codec: utf8 } },
    columns: { text: { family: 'n', codec: utf8 } },
    counters: { views: { family: 'n' } },
  });

  const pool = new ConnectionPool({
    host: process.env.HBASE_THRIFT_HOST ?? 'localhost',
    port: Number(process.env.HBASE_THRIFT_PORT ?? 9090),
    size: 2,
    tablePrefix: `consumer-js-${runner}-${Date.now().toString(36)}-${process.pid}`,
  });
  try {
    await pool.connection(async (connection) => {
      const raw = await connection.createTable('raw', { cf: {} });
      await raw.put('k1', { 'cf:v': 'v1' });
      assert.equal((await raw.row('k1'))['cf:v']?.toString(), 'v1');
      assert.equal(await raw.counterInc('k1', 'cf:c', 7), 7n);
      const keys = [];
      for await (const [key] of raw.scan()) keys.push(key.toString());
      assert.deepEqual(keys, ['k1']);
    });

    await pool.connection((connection) => syncSchema(connection, [Note]));
    const notes = new Repository(Note, pool);
    const note = new Note();
    note.id = 'n1';
    note.text = 'hello';
    await notes.save(note);
    assert.equal((await notes.findOneOrFail('n1')).text, 'hello');
    assert.equal(await notes.increment('n1', 'views', 5), 5n);
    assert.deepEqual(
      (await notes.scan().toArray()).map((found) => [found.id, found.views]),
      [['n1', 5n]],
    );
    await assert.rejects(notes.findOne(''), InvalidArgumentError);
    // Kerberos without the optional peer `koffi` (not installed here): the library loaded, and
    // asking for it rejects, before connecting, with what to install.
    const secure = new lib.Connection({ host: 'localhost', port: 9, auth: { mechanism: 'kerberos' } });
    await assert.rejects(secure.tables(), (error) => {
      assert.ok(error instanceof lib.AuthenticationError);
      assert.equal(error.reason, 'kerberos-unavailable');
      assert.match(error.message, /npm install koffi/);
      return true;
    });
    await secure.close();
    console.log(`plain-js (${runner}): client and mapper checks passed`);
  } finally {
    await pool.connection(async (connection) => {
      for (const table of await connection.tables()) {
        // Already gone is as good as dropped (the cluster may be shared).
        await connection.deleteTable(table, { disable: true }).catch((error) => {
          if (!(error instanceof TableNotFoundError)) throw error;
        });
      }
    });
    await pool.close();
  }
}

module.exports = { exercise };
