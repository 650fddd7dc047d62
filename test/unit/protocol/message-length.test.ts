import fc from 'fast-check';
import {
  type MessageLengthWalker,
  messageLength,
  messageLengthWalker,
} from '../../../src/client/protocol/message-length';
import { encodeMessage, type Field, i64, type Protocol, structArbitrary, t } from './thrift-values';

/**
 * Feeds `message` to `walker` (reset first) in pieces ending at `cuts` (ascending), each time from
 * a new buffer holding the bytes so far at another offset, followed by junk: what a reader's
 * compaction and growth do. Returns what each feed answered.
 */
function feedInPieces(walker: MessageLengthWalker, message: Buffer, cuts: number[]): number[] {
  walker.reset();
  return cuts.map((cut, i) => {
    const offset = (i * 7) % 13;
    const moved = Buffer.alloc(offset + cut + 3, 0xff);
    message.copy(moved, offset, 0, cut);
    return walker.feed(moved, offset, offset + cut);
  });
}

/** The answers a correct walk gives for `cuts`: -1 until the message is all there. */
function expected(length: number, cuts: number[]): number[] {
  return cuts.map((cut) => (cut >= length ? length : -1));
}

function byteByByte(length: number): number[] {
  return Array.from({ length: length + 1 }, (_, i) => i);
}

/** Cut positions from piece sizes (taken in turn), up to `length`. */
function cutsFrom(sizes: number[], length: number): number[] {
  const cuts: number[] = [];
  let at = 0;
  for (let i = 0; at < length; i++) {
    at = Math.min(length, at + sizes[i % sizes.length]!);
    cuts.push(at);
  }
  return cuts;
}

describe.each(['binary', 'compact'] as Protocol[])('%s protocol', (protocol) => {
  const walker = messageLengthWalker(protocol);

  function expectWalks(message: Buffer): void {
    expect(messageLength(message, message.length, protocol)).toBe(message.length);
    const cuts = byteByByte(message.length);
    expect(feedInPieces(walker, message, cuts)).toEqual(expected(message.length, cuts));
  }

  it('walks arbitrary messages the same in one piece, byte by byte and in random pieces', () => {
    fc.assert(
      fc.property(
        structArbitrary,
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
        (fields, sizes) => {
          const message = encodeMessage(protocol, fields);
          const length = message.length;
          expect(messageLength(message, length, protocol)).toBe(length);
          walker.reset();
          expect(walker.feed(message, 0, length)).toBe(length);

          const everyByte = byteByByte(length);
          expect(feedInPieces(walker, message, everyByte)).toEqual(expected(length, everyByte));
          for (const cut of everyByte.slice(0, -1)) expect(messageLength(message, cut, protocol)).toBe(-1);

          const pieces = cutsFrom(sizes, length);
          expect(feedInPieces(walker, message, pieces)).toEqual(expected(length, pieces));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops at the end of a message that the start of the next one follows', () => {
    fc.assert(
      fc.property(
        structArbitrary,
        structArbitrary,
        fc.nat(),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        (first, second, followingBytes, sizes) => {
          const message = encodeMessage(protocol, first);
          const next = encodeMessage(protocol, second);
          const stream = Buffer.concat([message, next.subarray(0, followingBytes % (next.length + 1))]);
          expect(messageLength(stream, stream.length, protocol)).toBe(message.length);
          // Pieces that straddle the boundary: the walk must not read past the message.
          const cuts = cutsFrom(sizes, stream.length);
          const answers = feedInPieces(walker, stream, cuts);
          expect(answers).toEqual(expected(message.length, cuts));
          // The same walker, reset, walks the next message.
          walker.reset();
          expect(walker.feed(Buffer.concat([next, message]), 0, next.length + message.length)).toBe(
            next.length,
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers again with the length when fed again after completing', () => {
    const message = encodeMessage(protocol, [f(1, t.struct, [f(1, t.string, Buffer.from('row'))])]);
    walker.reset();
    expect(walker.feed(message, 0, message.length - 4)).toBe(-1); // stopped inside the nested struct
    expect(walker.feed(message, 0, message.length)).toBe(message.length);
    expect(walker.feed(message, 0, message.length)).toBe(message.length);
  });

  describe('every type', () => {
    const cases: [string, Field[]][] = [
      ['an empty result struct', []],
      ['bool fields', [f(1, t.bool, true), f(2, t.bool, false)]],
      ['byte', [f(1, t.byte, -128), f(2, t.byte, 127)]],
      ['i16', [f(1, t.i16, -32_768), f(2, t.i16, 32_767)]],
      ['i32', [f(1, t.i32, -(2 ** 31)), f(2, t.i32, 2 ** 31 - 1)]],
      [
        'i64, up to 10-byte varints',
        [f(1, t.i64, i64('8000000000000000')), f(2, t.i64, i64('7fffffffffffffff'))],
      ],
      ['double', [f(1, t.double, Math.PI), f(2, t.double, Number.NaN)]],
      [
        'strings, empty and with multi-byte lengths',
        [f(1, t.string, Buffer.alloc(0)), f(2, t.string, Buffer.alloc(300, 1))],
      ],
      ['uuid', [f(1, t.uuid, '3d5b9c4e-8a34-4b1f-9a55-0c2f5f6b7a81')]],
      [
        'nested structs',
        [f(1, t.struct, [f(1, t.struct, [f(1, t.struct, [f(7, t.i32, 7)])]), f(2, t.byte, 1)])],
      ],
      [
        'a map of structs',
        [
          f(0, t.map(t.string, t.struct), [
            [Buffer.from('cf:a'), [f(1, t.string, Buffer.from('v')), f(2, t.i64, 5)]],
          ]),
        ],
      ],
      ['a set', [f(1, t.set(t.i32), [1, 2, 3])]],
      ['a list of lists', [f(1, t.list(t.list(t.i16)), [[1, 2], [], [3]])]],
      [
        'empty containers',
        [f(1, t.list(t.struct), []), f(2, t.set(t.string), []), f(3, t.map(t.i32, t.i64), [])],
      ],
      ['booleans in a list', [f(1, t.list(t.bool), [true, false, true])]],
      [
        'booleans as map keys and values',
        [
          f(1, t.map(t.bool, t.string), [
            [true, Buffer.from('ab')],
            [false, Buffer.from('cd')],
          ]),
          f(2, t.map(t.string, t.bool), [[Buffer.from('ab'), true]]),
          f(3, t.map(t.bool, t.bool), [[true, false]]),
        ],
      ],
      ['a struct field after booleans in a map', [f(1, t.map(t.i32, t.bool), [[1, true]]), f(2, t.i32, 9)]],
      [
        'field ids needing the long form',
        [f(1, t.i32, 1), f(100, t.i32, 2), f(-3, t.bool, true), f(32_767, t.byte, 3)],
      ],
      [
        'a list of exactly 15 (long-form size)',
        [
          f(
            1,
            t.list(t.bool),
            Array.from({ length: 15 }, (_, i) => i % 2 === 0),
          ),
        ],
      ],
      [
        'a list of 300 (multi-byte size)',
        [
          f(
            1,
            t.list(t.byte),
            Array.from({ length: 300 }, (_, i) => i % 100),
          ),
        ],
      ],
      [
        'a set of 14 (short-form size)',
        [
          f(
            1,
            t.set(t.i64),
            Array.from({ length: 14 }, (_, i) => i),
          ),
        ],
      ],
    ];

    it.each(cases)('%s', (_, fields) => expectWalks(encodeMessage(protocol, fields)));

    it('the longest method name taken (64 bytes) and a large sequence id', () => {
      expectWalks(encodeMessage(protocol, [f(1, t.i32, 1)], { name: 'm'.repeat(64), seqid: 2 ** 31 - 1 }));
    });
  });

  if (protocol === 'compact') {
    it('the cases above do meet the long forms', () => {
      const fifteen = encodeMessage(protocol, [f(1, t.list(t.bool), Array(15).fill(true))]);
      expect(fifteen.includes(Buffer.from([0xf1, 15]))).toBe(true); // size nibble 15, then the size
      const longId = encodeMessage(protocol, [f(1, t.i32, 1), f(100, t.i32, 2)]);
      expect(longId.includes(Buffer.from([0x05, 0xc8, 0x01]))).toBe(true); // type, zigzag id 100
    });
  }

  if (protocol === 'binary') {
    it('walks old non-strict message headers', () => {
      expectWalks(encodeMessage(protocol, [f(1, t.string, Buffer.from('x'))], { strict: false }));
      expectWalks(encodeMessage(protocol, [], { strict: false, name: 'getRow' }));
    });
  }
});

function f(id: number, type: Field['type'], value: unknown): Field {
  return { id, type, value };
}
