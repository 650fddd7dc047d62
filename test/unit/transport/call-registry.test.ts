import { CallRegistry, type PendingCall } from '../../../src/client/transport/call-registry';

/** Registers a call in `registry` and returns its promise. */
function register(
  registry: CallRegistry,
  method: string,
  timeoutMs = 60_000,
): { seqid: number; promise: Promise<unknown> } {
  const seqid = registry.nextId();
  const promise = new Promise((resolve, reject) => registry.add(seqid, method, timeoutMs, resolve, reject));
  return { seqid, promise };
}

describe('CallRegistry', () => {
  it('gives increasing sequence ids and wraps them before they overflow i32', () => {
    const registry = new CallRegistry(() => {});
    expect([registry.nextId(), registry.nextId(), registry.nextId()]).toEqual([1, 2, 3]);
    registry.lastId = 2 ** 31 - 3;
    const ids = Array.from({ length: 3 }, () => registry.nextId());
    expect(ids).toEqual([1, 2, 3]);
    for (let i = 0; i < 0x10000; i++) expect(registry.nextId()).toBeLessThan(2 ** 31);
  });

  it('skips, after a wrap, the ids of calls still pending', async () => {
    const registry = new CallRegistry(() => {});
    const outliving = register(registry, 'getRow'); // id 1, still pending at the wrap
    registry.lastId = 2 ** 31 - 3;
    const next = registry.nextId();
    expect(next).not.toBe(outliving.seqid);
    expect(next).toBe(2);
    registry.rejectAll(new Error('closed'));
    await expect(outliving.promise).rejects.toThrow('closed');
  });

  it('disarms its timeout timer when every call is rejected', async () => {
    const timedOut: number[] = [];
    const registry = new CallRegistry((seqid, call) => {
      timedOut.push(seqid);
      call.reject(new Error('timed out'));
    });
    const { promise } = register(registry, 'getRow', 20);
    registry.rejectAll(new Error('closed'));
    await expect(promise).rejects.toThrow('closed');
    // A later call gets its own timer and times out: the old timer did not linger in its place.
    const later = register(registry, 'getRow', 5);
    await expect(later.promise).rejects.toThrow('timed out');
    expect(timedOut).toEqual([later.seqid]);
  });

  it('hands a call to whoever takes it, once', async () => {
    const registry = new CallRegistry(() => {});
    const { seqid, promise } = register(registry, 'getTableNames');
    expect(registry.has(seqid)).toBe(true);
    expect(registry.size).toBe(1);
    const call = registry.take(seqid);
    expect(call?.method).toBe('getTableNames');
    expect(registry.take(seqid)).toBeUndefined();
    expect(registry.size).toBe(0);
    call!.resolve(['t']);
    await expect(promise).resolves.toEqual(['t']);
  });

  it('rejects every pending call at once and is empty after', async () => {
    const registry = new CallRegistry(() => {});
    const calls = [register(registry, 'a'), register(registry, 'b'), register(registry, 'c')];
    const error = new Error('closed');
    registry.rejectAll(error);
    expect(registry.size).toBe(0);
    for (const { promise } of calls) await expect(promise).rejects.toBe(error);
  });

  it('hands a call past its deadline to onTimeout, taken out, and keeps the others', async () => {
    const timedOut: Array<{ seqid: number; call: PendingCall }> = [];
    let onTimeout: () => void = () => {};
    const fired = new Promise<void>((resolve) => {
      onTimeout = resolve;
    });
    const registry = new CallRegistry((seqid, call) => {
      timedOut.push({ seqid, call });
      call.reject(new Error(`${call.method} timed out`));
      onTimeout();
    });
    const slow = register(registry, 'slow', 5);
    const other = register(registry, 'other', 60_000);
    await expect(slow.promise).rejects.toThrow('slow timed out');
    await fired;
    expect(timedOut.map(({ seqid, call }) => [seqid, call.method, call.timeoutMs])).toEqual([
      [slow.seqid, 'slow', 5],
    ]);
    expect(registry.has(slow.seqid)).toBe(false);
    expect(registry.has(other.seqid)).toBe(true);
    registry.rejectAll(new Error('done'));
    await expect(other.promise).rejects.toThrow('done');
  });
});
