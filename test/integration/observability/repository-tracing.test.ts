// The `hbase-mapper:repository` TracingChannel: each Repository operation publishes its entity,
// table and operation, and the gateway calls it makes run inside it (a store bound to the
// operation's start is theirs too), also the calls of a scan's later batches and over a pool.
import { AsyncLocalStorage } from 'node:async_hooks';
import { tracingChannel } from 'node:diagnostics_channel';
import {
  CALL_CHANNEL,
  type CallTraceContext,
  Column,
  Connection,
  ConnectionPool,
  Counter,
  Entity,
  EntityNotFoundError,
  REPOSITORY_CHANNEL,
  Repository,
  type RepositoryTraceContext,
  RowKey,
  syncSchema,
  utf8,
} from '../../../src';
import { dropPrefixedTables, gateways, uniquePrefix } from '../../support/gateway';
import { TraceRecorder } from '../../support/trace-recorder';

@Entity({ table: 'players', families: { p: {}, s: {} } })
class Player {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'p', codec: utf8 }) name?: string;
  @Counter({ family: 's' }) wins?: bigint;
}

const prefix = uniquePrefix('repository-tracing');
const player = (id: string, name: string) => Object.assign(new Player(), { id, name });
let connection: Connection;
let players: Repository<Player>;
let operations: TraceRecorder<RepositoryTraceContext>;
let calls: TraceRecorder<CallTraceContext>;
/** The operation each call ran in, as the store bound to the repository channel's start says. */
const operationOf = new Map<CallTraceContext, RepositoryTraceContext | undefined>();
const storage = new AsyncLocalStorage<RepositoryTraceContext>();
const repositoryChannel = tracingChannel<unknown, RepositoryTraceContext>(REPOSITORY_CHANNEL);
const callChannel = tracingChannel<unknown, CallTraceContext>(CALL_CHANNEL);
const noteOperation = (call: unknown) => {
  operationOf.set(call as CallTraceContext, storage.getStore());
};

beforeAll(async () => {
  connection = new Connection({ ...gateways.default(), tablePrefix: prefix });
  await syncSchema(connection, [Player]);
  players = new Repository(Player, connection);
});
afterAll(async () => {
  await dropPrefixedTables(connection);
  await connection.close();
});
beforeEach(() => {
  operations = new TraceRecorder(REPOSITORY_CHANNEL);
  calls = new TraceRecorder(CALL_CHANNEL);
  repositoryChannel.start.bindStore(storage, (context) => context);
  callChannel.start.subscribe(noteOperation);
  operationOf.clear();
});
afterEach(() => {
  operations.stop();
  calls.stop();
  repositoryChannel.start.unbindStore(storage);
  callChannel.start.unsubscribe(noteOperation);
});

/** The calls made inside `operation`, by method. */
const callsIn = (operation: RepositoryTraceContext) =>
  calls.events
    .filter((e) => e.event === 'start' && operationOf.get(e.object) === operation)
    .map((e) => e.context.method);

/** The one completed operation named `name`. */
const completed = (name: string) => {
  const found = operations.events.filter((e) => e.event === 'asyncEnd' && e.object.operation === name);
  expect(found).toHaveLength(1);
  return found[0]!.object;
};

describe('repository operations', () => {
  it('each promise operation publishes entity, table and operation, and its calls nest under it', async () => {
    await players.save([player('p1', 'Ada'), player('p2', 'Alan')]);
    await players.findOne('p1');
    await players.findMany(['p1', 'p2']);
    await players.exists('p1');
    await players.update('p2', { name: 'Alan T.' });
    await players.increment('p1', 'wins', 2);
    await players.count();
    await players.page({ size: 1 });
    await players.raw((table) => table.row('p1'));
    await players.delete('p2');

    const names = operations.completed.map((o) => o.operation);
    expect(names).toEqual([
      'save',
      'findOne',
      'findMany',
      'exists',
      'update',
      'increment',
      'count',
      'page',
      'raw',
      'delete',
    ]);
    for (const operation of operations.completed) {
      expect(operation).toMatchObject({ entity: 'Player', table: 'players' });
      expect(operation.error).toBeUndefined();
    }
    expect(callsIn(completed('save'))).toEqual(['mutateRows']);
    expect(callsIn(completed('findOne'))).toEqual(['getRow']);
    expect(callsIn(completed('findMany'))).toEqual(['getRows']);
    expect(callsIn(completed('increment'))).toEqual(['atomicIncrement']);
    expect(callsIn(completed('raw'))).toEqual(['getRow']);
    expect(callsIn(completed('delete'))).toContain('mutateRows');
    expect(callsIn(completed('count'))).toEqual(
      expect.arrayContaining(['scannerOpenWithScan', 'scannerGetList']),
    );
    expect(callsIn(completed('page'))).toEqual(
      expect.arrayContaining(['scannerOpenWithScan', 'scannerGetList']),
    );
    // Every call was made inside one of them.
    for (const event of calls.events.filter((e) => e.event === 'start')) {
      expect(operationOf.get(event.object)).toBeDefined();
    }
  });

  it('a failed operation publishes error; findOneOrFail nests the findOne it wraps', async () => {
    const failure = await players.findOneOrFail('nobody').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EntityNotFoundError);
    const outer = completed('findOneOrFail');
    const inner = completed('findOne');
    expect(operations.eventsOf(outer)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
    expect(outer.error).toBe(failure);
    expect(operations.eventsOf(inner)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    expect(callsIn(inner)).toEqual(['getRow']);
  });
});

describe('repository scans', () => {
  beforeEach(async () => {
    await players.save(Array.from({ length: 7 }, (_, i) => player(`s${i}`, `n${i}`)));
    operations.clear();
    calls.clear();
  });

  it('one operation per iteration, from the first pull to the last row, every batch inside it', async () => {
    const scan = players.scan({ prefix: 's', batchSize: 2 });
    expect(operations.events).toEqual([]); // nothing before the iteration starts
    const seen: string[] = [];
    for await (const p of scan) {
      seen.push(p.id);
      // Pulls far apart (each row handed out in its own turn) still run in the operation.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(seen).toHaveLength(7);
    const operation = completed('scan');
    expect(operation).toMatchObject({ entity: 'Player', table: 'players', operation: 'scan' });
    expect(operations.eventsOf(operation)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    const inside = callsIn(operation);
    expect(inside.filter((m) => m === 'scannerGetList')).toHaveLength(5); // 2+2+2+1, then an empty one
    expect(inside[0]).toBe('scannerOpenWithScan');
    expect(inside.at(-1)).toBe('scannerClose');
    expect(calls.events.filter((e) => e.event === 'start')).toHaveLength(inside.length);
  });

  it('a break out of for await completes the operation', async () => {
    for await (const p of players.scan({ prefix: 's', batchSize: 2 })) {
      if (p.id === 's2') break;
    }
    const operation = completed('scan');
    expect(operations.eventsOf(operation)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    expect(callsIn(operation).at(-1)).toBe('scannerClose');
  });

  it('over a pool, the leased connections make their calls inside the operation too', async () => {
    await using pool = new ConnectionPool({ ...gateways.default(), tablePrefix: prefix, size: 2 });
    const pooled = new Repository(Player, pool);
    expect(await pooled.scan({ prefix: 's', batchSize: 3 }).toArray()).toHaveLength(7);
    await pooled.findOne('s1');
    const scan = completed('scan');
    expect(callsIn(scan)).toEqual(
      expect.arrayContaining(['scannerOpenWithScan', 'scannerGetList', 'scannerClose']),
    );
    expect(callsIn(completed('findOne'))).toEqual(['getRow']);
    for (const event of calls.events.filter((e) => e.event === 'start')) {
      expect(operationOf.get(event.object)).toBeDefined();
    }
  });
});
