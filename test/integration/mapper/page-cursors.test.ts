// Page cursors are handed to API clients: whatever a client sends back as `after`, a page never
// returns rows outside the scan it belongs to, and a malformed or foreign cursor is an
// InvalidArgumentError naming options.after, raised before anything is sent. Against the real
// HBase, in both decorator modes.
import 'reflect-metadata';
import {
  Column,
  Connection,
  Entity,
  InvalidArgumentError,
  Repository,
  RowKey,
  syncSchema,
  utf8,
  utf8Key,
} from '../../../src';
import { encodePageCursor, pageScope } from '../../../src/mapper/page-cursor';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';

const prefix = uniquePrefix(`cursors_${process.env.DECORATORS ?? 'standard'}`);

@Entity({ table: 'docs', families: { d: {} } })
class Doc {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'd', codec: utf8 }) title?: string;
}

@Entity({ table: 'notes', families: { n: {} } })
class Note {
  @RowKey({ codec: utf8Key }) id!: string;
  @Column({ family: 'n', codec: utf8 }) text?: string;
}

/** doc-00 … doc-29, plus rows on either side of that prefix. */
const ids = ['aaa', ...Array.from({ length: 30 }, (_, i) => `doc-${String(i).padStart(2, '0')}`), 'zzz'];

let admin: Connection;
let docs: Repository<Doc>;
let notes: Repository<Note>;

beforeAll(async () => {
  admin = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(admin, [Doc, Note]);
  docs = new Repository(Doc, admin);
  notes = new Repository(Note, admin);
  await docs.save(ids.map((id) => Object.assign(new Doc(), { id, title: `title of ${id}` })));
  await notes.save(ids.map((id) => Object.assign(new Note(), { id, text: id })));
});

afterAll(async () => {
  await dropPrefixedTables(admin);
  await admin.close();
});

const idsOf = (items: Doc[]) => items.map((d) => d.id);

/** Every cursor a client could send back from the pages of `options`. */
async function cursorsOf(options: Parameters<Repository<Doc>['page']>[0]): Promise<string[]> {
  const cursors: string[] = [];
  let after: string | undefined;
  for (let i = 0; i < 40; i++) {
    const page = await docs.page({ ...options, after });
    if (page.nextCursor === undefined) return cursors;
    cursors.push(page.nextCursor);
    after = page.nextCursor;
  }
  throw new Error('too many pages');
}

async function expectRejectedCursor(page: Promise<unknown>): Promise<void> {
  const error = await page.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).argument).toBe('options.after');
}

describe('page cursors', () => {
  it('walk a bounded range without leaving it', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await docs.page({ start: 'doc-05', stop: 'doc-15', size: 3, after });
      seen.push(...idsOf(page.items));
      after = page.nextCursor;
      if (!after) break;
    }
    expect(seen).toEqual(ids.slice(6, 16));
  });

  it('a cursor from a wider scan of the same entity cannot widen a bounded one', async () => {
    // Cursors of the whole table point at rows before doc-05 and after doc-15.
    const wide = await cursorsOf({ size: 2 });
    expect(wide.length).toBeGreaterThan(10);
    for (const after of [wide[0]!, wide[wide.length - 1]!]) {
      await expectRejectedCursor(docs.page({ start: 'doc-05', stop: 'doc-15', size: 3, after }));
      await expectRejectedCursor(
        docs.page({ start: 'doc-15', stop: 'doc-05', reverse: true, size: 3, after }),
      );
      await expectRejectedCursor(docs.page({ prefix: 'doc-1', size: 3, after }));
    }
  });

  it('a cursor of a reversed scan is not one of the forward scan, and the other way round', async () => {
    const forward = await cursorsOf({ start: 'doc-05', stop: 'doc-15', size: 3 });
    const backward = await cursorsOf({ start: 'doc-15', stop: 'doc-05', reverse: true, size: 3 });
    await expectRejectedCursor(
      docs.page({ start: 'doc-15', stop: 'doc-05', reverse: true, size: 3, after: forward[0] }),
    );
    await expectRejectedCursor(docs.page({ start: 'doc-05', stop: 'doc-15', size: 3, after: backward[0] }));
  });

  it('a cursor of another entity is foreign', async () => {
    const page = await notes.page({ size: 3 });
    expect(page.nextCursor).toBeDefined();
    await expectRejectedCursor(docs.page({ size: 3, after: page.nextCursor }));
  });

  it('malformed cursors are rejected before anything is sent', async () => {
    // Nothing listens on this connection's port: a scan that were sent would fail to connect.
    const offline = new Repository(Doc, new Connection({ host: '127.0.0.1', port: 1, timeout: 2000 }));
    const valid = (await docs.page({ size: 2 })).nextCursor!;
    for (const after of [
      '!!!',
      'garbage!!',
      '',
      'AAAA',
      'ZG9jLTEw', // the bare base64url of 'doc-10', the old cursor format
      `${valid}x`,
      valid.slice(0, -2),
      `${valid}=`,
      'a'.repeat(50_000),
      42,
      null,
    ]) {
      await expectRejectedCursor(offline.page({ size: 3, after: after as string }));
    }
  });

  it('a forged cursor can skip ahead inside the range, never outside it', async () => {
    const scope = (options: { start?: string; stop?: string; prefix?: string; reverse?: boolean }) =>
      pageScope('docs', {
        start: options.start === undefined ? undefined : Buffer.from(options.start),
        stop: options.stop === undefined ? undefined : Buffer.from(options.stop),
        prefix: options.prefix === undefined ? undefined : Buffer.from(options.prefix),
        reverse: options.reverse ?? false,
      });
    const forged = (key: string, options: Parameters<typeof scope>[0]) =>
      encodePageCursor(scope(options), Buffer.from(key));
    const bounded = { start: 'doc-05', stop: 'doc-15' };
    for (const key of ['aaa', 'doc-04', 'doc-15', 'doc-20', 'zzz']) {
      await expectRejectedCursor(docs.page({ ...bounded, size: 3, after: forged(key, bounded) }));
    }
    const down = { start: 'doc-15', stop: 'doc-05', reverse: true };
    for (const key of ['zzz', 'doc-16', 'doc-05', 'doc-01']) {
      await expectRejectedCursor(docs.page({ ...down, size: 3, after: forged(key, down) }));
    }
    const inPrefix = { prefix: 'doc-1' };
    for (const key of ['doc-09', 'doc-2', 'zzz']) {
      await expectRejectedCursor(docs.page({ ...inPrefix, size: 3, after: forged(key, inPrefix) }));
    }
    // Inside the range it only moves the start of the page (what paging would have done anyway).
    const skipped = await docs.page({ ...bounded, size: 3, after: forged('doc-10', bounded) });
    expect(idsOf(skipped.items)).toEqual(['doc-11', 'doc-12', 'doc-13']);
    const skippedDown = await docs.page({ ...down, size: 3, after: forged('doc-10', down) });
    expect(idsOf(skippedDown.items)).toEqual(['doc-09', 'doc-08', 'doc-07']);
    const inside = await docs.page({ ...inPrefix, size: 20, after: forged('doc-15', inPrefix) });
    expect(idsOf(inside.items)).toEqual(['doc-16', 'doc-17', 'doc-18', 'doc-19']);
  });
});

describe('keys of the greatest length a table holds', () => {
  // The bound just above such a key is the key and a zero byte: one byte over the key limit,
  // which a bound may be (it is never stored).
  const longest = (char: string) => char.repeat(admin.table('notes').maxRowKey);

  it('exists() finds a key of exactly the limit, and not a missing one', async () => {
    await notes.save(Object.assign(new Note(), { id: longest('m'), text: 'longest' }));
    try {
      expect(await notes.exists(longest('m'))).toBe(true);
      expect(await notes.exists(longest('n'))).toBe(false);
    } finally {
      await notes.delete(longest('m'));
    }
  });

  it.each([false, true])('pages resume after a key of exactly the limit (reverse: %s)', async (reverse) => {
    await notes.save(Object.assign(new Note(), { id: longest('d'), text: 'longest' }));
    const key = longest('d');
    try {
      const all = (await notes.scan({ prefix: 'd', reverse }).toArray()).map((n) => n.id);
      expect(all).toContain(key);
      const seen: string[] = [];
      let after: string | undefined;
      for (let i = 0; i < 40; i++) {
        const page = await notes.page({ prefix: 'd', reverse, size: 1, after });
        seen.push(...page.items.map((n) => n.id));
        after = page.nextCursor;
        if (after === undefined) break;
      }
      expect(seen).toEqual(all);
    } finally {
      await notes.delete(key);
    }
  });

  it('a client scan takes a start or stop row one byte over the limit, not two', async () => {
    const table = admin.table('notes');
    const key = Buffer.from(longest('z'));
    const above = Buffer.concat([key, Buffer.from([0])]);
    const rows = await table.scan({ rowStart: Buffer.from('zzz'), rowStop: above }).toArray();
    expect(rows.map(([k]) => k.toString())).toEqual(['zzz']);
    expect((await table.scan({ rowStart: above }).toArray()).length).toBe(0);
    const tooLong = Buffer.concat([above, Buffer.from([0])]);
    expect(() => table.scan({ rowStart: tooLong })).toThrow(InvalidArgumentError);
    expect(() => table.scan({ rowStop: tooLong })).toThrow(/options\.rowStop/);
  });
});
