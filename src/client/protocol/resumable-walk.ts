import type { MessageLengthWalker } from './message-length';

/**
 * @internal Value of {@link ResumableWalk.pending} when the next step reads from the innermost
 * container (a field header, or the next element's turn) rather than walking a known value.
 */
export const NONE = -1;

/** @internal Value of {@link ResumableWalk.pending} while the message header is still to be walked. */
export const MESSAGE_HEADER = -2;

/**
 * Bytes in the wrong protocol can read as structs nested without end; a bound turns that into an
 * error instead of a stack that grows with the input. HBase's replies nest five containers deep at
 * most (result struct, list, TRowResult, map, TCell).
 */
const MAX_DEPTH = 64;

/**
 * @internal The state of a walk that can stop at any step boundary when bytes run out, and go on
 * from there once more have arrived: each byte of a message is looked at once however many
 * chunks it arrives in. The state is made of offsets and type ids only (never the buffer), so the
 * bytes may be moved between calls.
 *
 * A protocol's walker advances it in atomic steps: a step either has all the bytes it needs and
 * commits, or leaves the state as it was.
 */
export abstract class ResumableWalk implements MessageLengthWalker {
  /** Where the next step starts, relative to the start of the message. */
  protected position = 0;
  /** The type id of the value the next step walks; {@link NONE} or {@link MESSAGE_HEADER}. */
  protected pending = MESSAGE_HEADER;
  /** How many containers are open; their frames are the first `depth` entries of the arrays. */
  protected depth = 0;
  /** Per open container: its type id in the walker's protocol (a set is walked as a list). */
  protected readonly kinds = new Int32Array(MAX_DEPTH);
  /** Per open container: elements left (for a map, keys and values each count). */
  protected readonly counts = new Uint32Array(MAX_DEPTH);
  /** Per open container: the element type of a list or set, the key type of a map. */
  protected readonly keyTypes = new Int32Array(MAX_DEPTH);
  /** Per open container: the value type of a map. */
  protected readonly valueTypes = new Int32Array(MAX_DEPTH);

  abstract feed(buffer: Buffer, start: number, end: number): number;

  /** {@inheritDoc MessageLengthWalker.reset} */
  reset(): void {
    this.position = 0;
    this.pending = MESSAGE_HEADER;
    this.depth = 0;
  }

  /**
   * Starts a walk of a single value of type `type` instead of a message: {@link feed} then
   * returns the value's length.
   */
  startValue(type: number): void {
    this.position = 0;
    this.pending = type;
    this.depth = 0;
  }

  /** Ends the walk of a whole message or value of `length` bytes: the next feed starts afresh. */
  protected finished(length: number): number {
    this.position = length;
    this.pending = NONE;
    this.depth = 0;
    return length;
  }

  /** Keeps where the walk stopped for want of bytes (see {@link feed}); returns -1. */
  protected suspended(position: number, depth: number, pending: number): number {
    this.position = position;
    this.depth = depth;
    this.pending = pending;
    return -1;
  }

  /**
   * The type of the next element of the list, set or map open at index `top`, counting it as
   * walked; {@link NONE} when it has no elements left (the caller then closes it). `mapKind` is the
   * protocol's type id of a map.
   */
  protected nextElementType(top: number, mapKind: number): number {
    const left = this.counts[top]!;
    if (left === 0) return NONE;
    this.counts[top] = left - 1;
    // A map's count starts even: an even count left means a key is next.
    return this.kinds[top] === mapKind && (left & 1) === 1 ? this.valueTypes[top]! : this.keyTypes[top]!;
  }

  /** Opens a container frame at index `depth` (the caller's count of open containers). */
  protected push(depth: number, kind: number, count: number, keyType: number, valueType: number): void {
    if (depth >= MAX_DEPTH) throw new Error(`Thrift message nested deeper than ${MAX_DEPTH} containers`);
    this.kinds[depth] = kind;
    this.counts[depth] = count;
    this.keyTypes[depth] = keyType;
    this.valueTypes[depth] = valueType;
  }
}

/**
 * @internal Walks `sample`, a small message with every step in it, byte by byte: every step and
 * every way out of {@link ResumableWalk.feed} then runs before the first large message. Why: V8
 * optimizes `feed` while it walks the first large message, before the code that stores the state
 * on the way out (or walks a type not met yet) ever ran. The first time that code runs, the
 * optimized code is dropped, and V8 often goes on running the loop's on-stack-replacement version
 * instead, which measured 1.5x slower, for the life of the process.
 */
export function warmUp(walker: ResumableWalk, sample: Buffer): void {
  walker.reset();
  let length = -1;
  for (let end = 0; end <= sample.length; end++) length = walker.feed(sample, 0, end);
  walker.reset();
  // The samples are constants: this only fails on a mistake in one, and then at once, in every test.
  if (length !== sample.length) throw new Error(`the warm-up sample is not one message (${length})`);
}
