import { debugEnabled } from './logger';
import type { SocketRef } from './observer';

/**
 * What is left of a Connection or ConnectionPool once it is collected: the sockets to close, and
 * where it was made. It must not lead back to its owner, or the owner would never be collected.
 */
interface Orphan {
  kind: 'Connection' | 'ConnectionPool';
  /** The channels of the owner (one for a Connection, one per pooled connection). */
  sockets: Iterable<SocketRef>;
  /** The owner's construction stack, taken only under `NODE_DEBUG=hbase-mapper` (it costs). */
  createdAt: string | undefined;
}

/** @internal The code of the warning a leaked Connection or ConnectionPool emits. */
export const LEAK_WARNING_CODE = 'HBASE_MAPPER_LEAK';

const registry = new FinalizationRegistry<Orphan>(closeOrphan);

/**
 * @internal Warns (once) if `owner` is garbage-collected while one of `sockets` is still open,
 * and closes them, as AIOHappyBase does: an app that forgets `close()` leaks a socket per
 * Connection, which keeps the process alive and holds a gateway thread.
 */
export function watchForLeak(
  owner: object,
  kind: Orphan['kind'],
  sockets: Iterable<SocketRef>,
  createdAt: string | undefined,
): void {
  registry.register(owner, { kind, sockets, createdAt }, owner);
}

/**
 * @internal Under `NODE_DEBUG=hbase-mapper`, the stack of the code that is creating a Connection
 * or pool, `depth` frames up from the caller of this function (its constructors); else nothing.
 */
export function creationStack(depth: number): string | undefined {
  if (!debugEnabled()) return undefined;
  // Past the lines "Error" and this function, then `depth` frames of the library.
  return new Error().stack
    ?.split('\n')
    .slice(2 + depth)
    .join('\n');
}

/** @internal Closed as it should be: no warning for `owner`. */
export function unwatchForLeak(owner: object): void {
  registry.unregister(owner);
}

function closeOrphan(orphan: Orphan): void {
  const open = [...orphan.sockets].flatMap((ref) => (ref.channel?.usable ? [ref.channel] : []));
  if (open.length === 0) return;
  for (const channel of open) void channel.close().catch(() => undefined);
  const sockets = open.length === 1 ? 'its socket' : `its ${open.length} sockets`;
  const where = [...new Set(open.map((channel) => channel.description))].join(', ');
  process.emitWarning(
    `a ${orphan.kind} to ${where} was garbage-collected while still open; ${sockets} closed now. ` +
      `Close it when done with it (close(), or \`await using\`).`,
    {
      type: 'ResourceWarning',
      code: LEAK_WARNING_CODE,
      detail:
        orphan.createdAt === undefined
          ? 'Run with NODE_DEBUG=hbase-mapper to see where it was created.'
          : `Created at:\n${orphan.createdAt}`,
    },
  );
}
