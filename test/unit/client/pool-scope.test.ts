// The scope of `pool.connection()` blocks: a nested block gets its block's connection, code a block
// left running never does once it ended, and this holds while the pool's AsyncLocalStorage is
// disabled between blocks and enabled again (the pool turns it off when no block runs, so that
// Node stops running promise hooks). No gateway is needed: a connection opens on its first call.
import { ConnectionPool, connectionInScope } from '../../../src/client/connection-pool';

describe('pool.connection() scopes', () => {
  let pool: ConnectionPool;
  beforeEach(() => {
    pool = new ConnectionPool({ size: 4, host: '127.0.0.1', port: 1 });
  });
  afterEach(async () => {
    await pool.close();
  });

  it("gives a nested block its block's connection, and code left by an ended block none", async () => {
    let resumeLeftover!: () => void;
    let leftover!: Promise<unknown>;
    await pool.connection(async (a) => {
      expect(await pool.connection(async (nested) => nested === a)).toBe(true);
      // A continuation made in block A, run later while block B runs.
      leftover = new Promise<void>((resolve) => {
        resumeLeftover = resolve;
      }).then(() => connectionInScope(pool));
    });
    expect(connectionInScope(pool)).toBeUndefined();
    const sawOwn = await pool.connection(async (b) => {
      resumeLeftover();
      await leftover;
      return connectionInScope(pool) === b;
    });
    expect(sawOwn).toBe(true);
    expect(await leftover).toBeUndefined();
  });

  it('keeps scopes right after a block that threw, and across overlapping blocks', async () => {
    await expect(
      pool.connection(() => {
        throw new Error('thrown at once');
      }),
    ).rejects.toThrow('thrown at once');
    const results = await Promise.all(
      [0, 1, 2].map(() =>
        pool.connection(async (c) => {
          await Promise.resolve();
          const nested = await pool.connection(async (n) => n);
          return nested === c && connectionInScope(pool) === c;
        }),
      ),
    );
    expect(results).toEqual([true, true, true]);
    expect(connectionInScope(pool)).toBeUndefined();
  });
});
