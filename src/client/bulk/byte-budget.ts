/** A caller waiting for room, with what it wants buffered. */
interface RoomWaiter<T> {
  item: T;
  size: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * @internal A bulk writer's back-pressure: the bytes it holds (buffered, and in batches in flight)
 * stay under `max`. A mutation that does not fit waits, in the order given, behind every earlier
 * one that waits, until batches settle and {@link ByteBudget.admit} buffers it.
 */
export class ByteBudget<T> {
  readonly #max: number;
  #buffered = 0;
  #inFlight = 0;
  #peak = 0;
  #waiters: RoomWaiter<T>[] = [];

  constructor(max: number) {
    this.#max = max;
  }

  /** Bytes buffered, not yet sent. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Bytes in batches in flight. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** The most bytes held at once so far. */
  get peak(): number {
    return this.#peak;
  }

  /** Callers waiting for room. */
  get waiting(): number {
    return this.#waiters.length;
  }

  /** Whether `size` more bytes may be buffered now: nobody waits before, and they fit. */
  fits(size: number): boolean {
    return this.#waiters.length === 0 && this.#hasRoom(size);
  }

  /** Whether `size` more bytes fit the bound (one mutation always fits an empty buffer). */
  #hasRoom(size: number): boolean {
    const held = this.#buffered + this.#inFlight;
    return held === 0 || held + size <= this.#max;
  }

  /** `size` bytes were buffered. */
  buffer(size: number): void {
    this.#buffered += size;
    this.#peak = Math.max(this.#peak, this.#buffered + this.#inFlight);
  }

  /** `bytes` buffered left in a batch. */
  send(bytes: number): void {
    this.#buffered -= bytes;
    this.#inFlight += bytes;
  }

  /** A batch of `bytes` settled (written or failed). */
  settle(bytes: number): void {
    this.#inFlight -= bytes;
  }

  /** The buffered mutations were let go (the writer failed): they no longer count. */
  dropBuffered(): void {
    this.#buffered = 0;
  }

  /** Waits, behind the earlier waiters, until {@link ByteBudget.admit} buffers `item`. */
  wait(item: T, size: number): Promise<void> {
    return new Promise<void>((resolve, reject) => this.#waiters.push({ item, size, resolve, reject }));
  }

  /**
   * Buffers the waiters in their order while they fit (`buffer` stores each item; its bytes are
   * counted here), and resolves their promises: the bound holds strictly.
   */
  admit(buffer: (item: T, size: number) => void): void {
    while (this.#waiters.length > 0 && this.#hasRoom(this.#waiters[0]!.size)) {
      const waiter = this.#waiters.shift()!;
      buffer(waiter.item, waiter.size);
      waiter.resolve();
    }
  }

  /** Rejects the waiters for which `check` answers an error (with it); the others keep waiting. */
  refuse(check: (item: T) => unknown): void {
    this.#waiters = this.#waiters.filter((waiter) => {
      const error = check(waiter.item);
      if (error === undefined) return true;
      waiter.reject(error);
      return false;
    });
  }

  /** Rejects every waiter with `error`. */
  rejectAll(error: unknown): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}
