// HappyBase/AIOHappyBase parity found by porting their behaviour: compat-gated append, family
// names written with their colon, and requests larger than a framed gateway's frame limit
// (hbase.regionserver.thrift.framed.max_frame_size_in_mb, 2 MB by default on the test gateway).
import {
  Connection,
  ConnectionClosedError,
  FrameTooLargeError,
  InvalidArgumentError,
  NotSupportedError,
  type Table,
} from '../../src';
import { closeScratch, gateways, openScratchTable, uniquePrefix } from '../support/gateway';

const MiB = 1024 * 1024;

describe('append and compat', () => {
  const prefix = uniquePrefix('parity_append');
  let connection: Connection;
  let table: Table;

  beforeAll(async () => {
    ({ connection, table } = await openScratchTable(prefix));
  });

  afterAll(() => closeScratch(connection));

  it.each(['0.90', '0.92', '0.94', '0.96'] as const)(
    'compat %s refuses append with NotSupportedError, and writes nothing',
    async (compat) => {
      const old = new Connection({ ...gateways.default(), tablePrefix: prefix, compat });
      try {
        const error = await old
          .table('t')
          .append('r', { 'cf:a': 'x' })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(NotSupportedError);
        expect((error as NotSupportedError).feature).toBe('append');
        expect((error as Error).message).toMatch(/HBase >= 0\.98/);
      } finally {
        await old.close();
      }
      expect(await table.row('r')).toEqual({});
    },
  );

  it('compat 0.98 (the default) appends', async () => {
    expect(await table.append('r', { 'cf:a': 'x' })).toEqual({ 'cf:a': Buffer.from('x') });
  });
});

describe('createTable family names', () => {
  const prefix = uniquePrefix('parity_families');
  let connection: Connection;

  beforeAll(() => {
    connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  });

  afterAll(() => closeScratch(connection));

  it('accepts a family written with its trailing colon, as HappyBase does', async () => {
    const table = await connection.createTable('colons', { 'cf1:': { maxVersions: 1 }, cf2: {} });
    const families = await table.families();
    expect(Object.keys(families).sort()).toEqual(['cf1', 'cf2']);
    expect(families.cf1?.maxVersions).toBe(1);
    await table.put('r', { 'cf1:a': '1', 'cf2:b': '2' });
    expect(Object.keys(await table.row('r')).sort()).toEqual(['cf1:a', 'cf2:b']);
  });

  it.each([
    ['the same family twice', { cf: {}, 'cf:': {} }],
    ['a bare colon', { ':': {} }],
    ['a colon inside', { 'a:b': {} }],
    ['two trailing colons', { 'cf::': {} }],
  ])('refuses %s before sending', async (_, families) => {
    const error = await connection.createTable('bad', families).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('families');
    expect(await connection.tables()).not.toContain('bad');
  });
});

describe('requests over the framed gateway and its frame size limit', () => {
  const prefix = uniquePrefix('parity_frames');
  let connection: Connection;
  let table: Table;

  beforeAll(async () => {
    ({ connection, table } = await openScratchTable(prefix, gateways.framed()));
  });

  afterAll(() => closeScratch(connection));

  it('a 5 MiB put is refused before sending, naming the gateway setting; the connection stays usable', async () => {
    const error = await table.put('big', { 'cf:v': Buffer.alloc(5 * MiB, 1) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrameTooLargeError);
    expect((error as Error).message).toMatch(/hbase\.regionserver\.thrift\.framed\.max_frame_size_in_mb/);
    expect((error as Error).message).toMatch(/maxFrameSize/);
    expect((error as FrameTooLargeError).limit).toBe(2 * MiB);
    expect((error as FrameTooLargeError).size).toBeGreaterThan(5 * MiB);
    expect(connection.isOpen).toBe(true);
    expect(await table.row('big')).toEqual({});
  });

  it('a batch larger than a frame is split by bytes and written whole', async () => {
    const value = Buffer.alloc(100 * 1024, 2);
    await table.batch({}, async (b) => {
      for (let i = 0; i < 60; i++) await b.put(`row-${String(i).padStart(2, '0')}`, { 'cf:v': value });
    });
    let rows = 0;
    for await (const [, data] of table.scan({ rowPrefix: 'row-' })) {
      // Buffer.equals: jest's deep equality walks 100 KiB buffers byte by byte, slowly.
      expect(data['cf:v']?.equals(value)).toBe(true);
      rows++;
    }
    expect(rows).toBe(60);
  });

  it("a batch's counters larger than a frame are split too, after its puts were written", async () => {
    // 64 KiB frames and 1,000 counters of ~230 bytes each: the counters need ~4 calls.
    const small = new Connection({ ...gateways.framed(), tablePrefix: prefix, maxFrameSize: 64 * 1024 });
    try {
      const counted = small.table('t');
      const key = (i: number) => `counter-${String(i).padStart(4, '0')}-${'k'.repeat(150)}`;
      await counted.batch({ transaction: true }, async (b) => {
        await b.put('with-counters', { 'cf:v': 'written' });
        for (let i = 0; i < 1000; i++) await b.counterInc(key(i), 'cf:n', i + 1);
      });
      expect((await counted.row('with-counters'))['cf:v']?.toString()).toBe('written');
      for (const i of [0, 499, 999]) expect(await counted.counterGet(key(i), 'cf:n')).toBe(BigInt(i + 1));
    } finally {
      await small.close();
    }
  });

  it('a batch holding one row larger than a frame sends nothing', async () => {
    const error = await table
      .batch({}, async (b) => {
        await b.put('small-1', { 'cf:v': 'x' });
        await b.put('huge', { 'cf:v': Buffer.alloc(3 * MiB) });
        await b.put('small-2', { 'cf:v': 'x' });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FrameTooLargeError);
    expect(await table.rows(['small-1', 'huge', 'small-2'])).toEqual([]);
  });

  it('maxFrameSize is the limit checked (here above the gateway one, which then drops the socket)', async () => {
    const lenient = new Connection({ ...gateways.framed(), tablePrefix: prefix, maxFrameSize: 8 * MiB });
    try {
      const error = await lenient
        .table('t')
        .put('big', { 'cf:v': Buffer.alloc(3 * MiB) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionClosedError);
      // A frame below the gateway's limit goes through on the reopened connection.
      await lenient.table('t').put('fits', { 'cf:v': Buffer.alloc(MiB) });
      expect((await table.row('fits'))['cf:v']).toHaveLength(MiB);
    } finally {
      await lenient.close();
    }
  });

  it('the buffered transport has no frame limit', async () => {
    const buffered = new Connection({ ...gateways.default(), tablePrefix: prefix });
    try {
      await buffered.table('t').put('buffered-big', { 'cf:v': Buffer.alloc(3 * MiB, 3) });
      expect((await buffered.table('t').row('buffered-big'))['cf:v']).toHaveLength(3 * MiB);
    } finally {
      await buffered.close();
    }
  });
});
