// A repository scan over a pool holds no lease between pulls: iterators dropped unfinished leave
// the pool whole, and the loop body of a scan may use the same pool. Their server-side scanners
// are closed after the idle timeout. Against the real HBase, in both decorator modes.
import 'reflect-metadata';
import {
  Column,
  Connection,
  ConnectionPool,
  Entity,
  Repository,
  RowKey,
  salted,
  syncSchema,
  utf8,
  utf8Key,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';
import { TcpProxy } from '../../support/tcp-proxy';

const prefix = uniquePrefix(`leases_${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'items', families: { i: {} } })
class Item {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'i', codec: utf8 }) name?: string;
}

@Entity({ table: 'spread', families: { i: {} } })
class SpreadItem {
  @RowKey({ codec: salted(utf8Key, { buckets: 4 }) }) id!: string;
  @Column({ family: 'i', codec: utf8 }) name?: string;
}

const ids = Array.from({ length: 12 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
let admin: Connection;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Item, SpreadItem]);
  await new Repository(Item, admin).save(ids.map((id) => Object.assign(new Item(), { id, name: id })));
  await new Repository(SpreadItem, admin).save(
    ids.map((id) => Object.assign(new SpreadItem(), { id, name: id })),
  );
});

afterAll(async () => {
  jest.restoreAllMocks();
  await dropPrefixedTables(admin);
  await admin.close();
});

/** Fails the test instead of hanging it when `promise` does not settle in time. */
function within<T>(promise: Promise<T>, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

describe('repository scans over a pool', () => {
  it('four scans dropped unfinished leave a pool of four usable', async () => {
    const pool = new ConnectionPool({ size: 4, ...gateways.default(), tablePrefix: prefix });
    const items = new Repository(Item, pool);
    try {
      for (let i = 0; i < 4; i++) {
        const iterator = items.scan({ batchSize: 2 })[Symbol.asyncIterator]();
        expect((await iterator.next()).value?.id).toBe('item-00');
        // Dropped: neither finished nor returned.
      }
      const lease = await pool.acquire({ timeout: 2000 });
      await lease.release();
      expect((await within(items.findOne('item-03')))?.name).toBe('item-03');
      const concurrent = await within(
        Promise.all([1, 2, 3, 4, 5].map(() => items.scan({ limit: 3 }).toArray())),
      );
      expect(concurrent.map((found) => found.length)).toEqual([3, 3, 3, 3, 3]);
    } finally {
      await pool.close({ timeout: 5000 });
    }
  });

  it('the loop body of a scan can use the same pool of one', async () => {
    const pool = new ConnectionPool({ size: 1, ...gateways.default(), tablePrefix: prefix });
    const items = new Repository(Item, pool);
    try {
      const names = await within(
        (async () => {
          const found: string[] = [];
          for await (const item of items.scan({ batchSize: 5 })) {
            found.push((await items.findOne(item.id))!.name!);
          }
          return found;
        })(),
      );
      expect(names).toEqual(ids);
    } finally {
      await pool.close({ timeout: 5000 });
    }
  });

  it('the server-side scanner of a dropped scan is closed after idleTimeout', async () => {
    const pool = new ConnectionPool({ size: 2, ...gateways.default(), tablePrefix: prefix });
    const items = new Repository(Item, pool);
    let closes = 0;
    let closed: () => void = () => undefined;
    const firstClose = new Promise<void>((resolve) => {
      closed = resolve;
    });
    const call = Connection.prototype.call;
    const spy = jest.spyOn(Connection.prototype, 'call').mockImplementation(function (
      this: Connection,
      method,
      invoke,
    ) {
      const result = call.call(this, method, invoke);
      if (method === 'scannerClose') {
        void result.then(() => {
          closes++;
          closed();
        });
      }
      return result;
    });
    try {
      const iterator = items.scan({ batchSize: 2, idleTimeout: 100 })[Symbol.asyncIterator]();
      expect((await iterator.next()).value?.id).toBe('item-00');
      await within(firstClose);
      expect(closes).toBe(1);
      // Pulled again, it goes on from where it was.
      const rest: string[] = [];
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest.push(r.value.id);
      expect(rest).toEqual(ids.slice(1));
    } finally {
      spy.mockRestore();
      await pool.close({ timeout: 5000 });
    }
  });

  it("a scan's calls follow its scanner's gateway, and go on once it is gone", async () => {
    // Two proxies in front of the same gateway look like two gateways to the client. Connection A
    // opens through the first; the pool spreads its connections, so B opens through the second.
    const [first, second] = [
      await TcpProxy.start(gateways.default().host!, gateways.default().port!),
      await TcpProxy.start(gateways.default().host!, gateways.default().port!),
    ];
    const pool = new ConnectionPool({
      size: 2,
      servers: [`127.0.0.1:${first.port}`, `127.0.0.1:${second.port}`],
      tablePrefix: prefix,
      timeout: 5000,
      retry: true,
    });
    const items = new Repository(Item, pool);
    const opens = jest.spyOn(Connection.prototype, 'call');
    const scannerOpens = () => opens.mock.calls.filter(([method]) => method === 'scannerOpenWithScan').length;
    try {
      const a = await pool.acquire();
      await a.connection.tables();
      const b = await pool.acquire();
      await b.connection.tables();
      expect([a.connection.port, b.connection.port]).toEqual([first.port, second.port]);
      // The scan starts while only B is free: its scanner lives behind the second proxy.
      await b.release();
      const iterator = items.scan({ batchSize: 2 })[Symbol.asyncIterator]();
      const seen: string[] = [];
      for (let i = 0; i < 3; i++) seen.push((await iterator.next()).value!.id);
      // Then only A is free: the scan's calls lease pinned to the scanner's gateway, so A is moved
      // behind the second proxy and the scanner goes on.
      const heldB = await pool.acquire();
      expect(heldB.connection.port).toBe(second.port);
      await a.release();
      for (let i = 0; i < 3; i++) seen.push((await iterator.next()).value!.id);
      expect(scannerOpens()).toBe(1);
      // The scanner's proxy goes away: the scan goes on through the first (behind which the same
      // gateway process still holds the scanner).
      await second.down();
      for (let r = await iterator.next(); !r.done; r = await iterator.next()) seen.push(r.value.id);
      await heldB.release();
      expect(seen).toEqual(ids);
    } finally {
      opens.mockRestore();
      await pool.close({ timeout: 5000 });
      await first.close();
      await second.close();
    }
  });
});

describe('repository scans inside a lease of the same pool', () => {
  // A salted scan reads every bucket at once; inside a lease, each bucket's calls go on the
  // lease's connection (which pipelines them) instead of waiting for a connection of their own.
  it.each([
    ['a salted entity', SpreadItem],
    ['a plain entity', Item],
  ] as const)('%s: scan, page and count inside pool.connection() with a pool of one', async (_, entity) => {
    const pool = new ConnectionPool({ size: 1, ...gateways.default(), tablePrefix: prefix });
    const repository = new Repository<Item | SpreadItem>(entity, pool);
    try {
      const found = await within(
        pool.connection(async () => {
          const scanned = await repository.scan({ batchSize: 5 }).toArray();
          const first = await repository.page({ size: 5 });
          const second = await repository.page({ size: 5, after: first.nextCursor });
          const counted = await repository.count();
          return { scanned, pages: [...first.items, ...second.items], counted };
        }),
      );
      expect(found.scanned.map((item) => item.id)).toEqual(ids);
      expect(found.pages.map((item) => item.id)).toEqual(ids.slice(0, 10));
      expect(found.counted).toBe(ids.length);
    } finally {
      await pool.close({ timeout: 5000 });
    }
  });

  it('salted scans in two concurrent leases holding the whole pool', async () => {
    const pool = new ConnectionPool({ size: 2, ...gateways.default(), tablePrefix: prefix });
    const spread = new Repository(SpreadItem, pool);
    try {
      const results = await within(
        Promise.all([0, 1].map(() => pool.connection(() => spread.scan({ batchSize: 3 }).toArray()))),
      );
      for (const scanned of results) expect(scanned.map((item) => item.id)).toEqual(ids);
    } finally {
      await pool.close({ timeout: 5000 });
    }
  });
});
