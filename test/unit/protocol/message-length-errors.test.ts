import { messageLength, messageLengthWalker } from '../../../src/client/protocol/message-length';
import { MessageReader } from '../../../src/client/transport/message-reader';
import { encodeHeader, type Protocol } from './thrift-values';

/** Bytes that are not a valid message, and what the error says. */
type Case = [string, number[], RegExp];

const binaryBody: Case[] = [
  ['a negative string length', [0x0b, 0, 1, 0xff, 0xff, 0xff, 0xff], /invalid length -1 /],
  ['a negative list size', [0x0f, 0, 1, 0x08, 0xff, 0xff, 0xff, 0xfe], /invalid length -2 /],
  ['a negative set size', [0x0e, 0, 1, 0x08, 0xff, 0xff, 0xff, 0xfe], /invalid length -2 /],
  ['a negative map size', [0x0d, 0, 1, 0x0b, 0x0b, 0x80, 0, 0, 0], /invalid length -2147483648 /],
  ['an unknown field type', [0x01, 0, 1], /unknown Thrift type 1 in a binary/],
  ['a field type past the last one', [0x11, 0, 1], /unknown Thrift type 17 in a binary/],
  ['an unknown list element type', [0x0f, 0, 1, 0x07, 0, 0, 0, 1], /unknown Thrift type 7 in a binary/],
  ['an unknown map value type', [0x0d, 0, 1, 0x03, 0x09, 0, 0, 0, 1, 0], /unknown Thrift type 9 in a binary/],
  ['structs nested past the limit', Array(64).fill([0x0c, 0, 1]).flat(), /nested deeper than 64/],
  ['a string length past 2^30', [0x0b, 0, 1, 0x40, 0, 0, 1], /invalid length 1073741825 .*at most 2\^30/],
  ['a list size past 2^30', [0x0f, 0, 1, 0x08, 0x7f, 0xff, 0xff, 0xff], /invalid length 2147483647 /],
];

const compactBody: Case[] = [
  ['an unknown field type', [0x1e], /unknown Thrift type 14 in a compact/],
  ['a field type 0 that is not a stop', [0x10], /unknown Thrift type 0 in a compact/],
  ['an unknown list element type', [0x19, 0x1e], /unknown Thrift type 14 in a compact/],
  ['an i64 varint longer than 10 bytes', [0x16, ...Array(10).fill(0xff)], /varint longer than 10 bytes/],
  ['a field id varint longer than 10 bytes', [0x05, ...Array(10).fill(0x80)], /varint longer than 10/],
  ['a length varint longer than 5 bytes', [0x18, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01], /longer than 5 bytes/],
  ['a length past 2^31 - 1', [0x18, 0xff, 0xff, 0xff, 0xff, 0x0f], /invalid length 4294967295 /],
  [
    'a long-form list size past 2^31 - 1',
    [0x19, 0xf8, 0x80, 0x80, 0x80, 0x80, 0x08],
    /invalid length 2147483648/,
  ],
  ['a map size past 2^31 - 1', [0x1b, 0x80, 0x80, 0x80, 0x80, 0x08], /invalid length 2147483648/],
  ['structs nested past the limit', Array(64).fill(0x1c), /nested deeper than 64/],
  [
    'a string length past 2^30',
    [0x18, 0x81, 0x80, 0x80, 0x80, 0x04],
    /invalid length 1073741825 .*at most 2\^30/,
  ],
  ['a map size past 2^30', [0x1b, 0x81, 0x80, 0x80, 0x80, 0x04], /invalid length 1073741825 /],
];

const headers: Record<Protocol, Case[]> = {
  binary: [
    ['a strict header of another version', [0x80, 0x02, 0, 2], /bad version 0x80020002/],
    ['a negative method name length', [0x80, 0x01, 0, 2, 0xff, 0xff, 0xff, 0xfc], /invalid length -4 /],
    ['a call, not a reply', [0x80, 0x01, 0, 1], /message type 1 where a reply/],
    ['a oneway message', [0x80, 0x01, 0, 4], /message type 4 where a reply/],
    ['a method name of 2^30 bytes', [0x80, 0x01, 0, 2, 0x40, 0, 0, 0], /method name of 1073741824 bytes/],
    ['a method name of 65 bytes', [0x80, 0x01, 0, 3, 0, 0, 0, 65], /method name of 65 bytes/],
    ['an empty method name', [0x80, 0x01, 0, 2, 0, 0, 0, 0], /method name of 0 bytes/],
    [
      'an SSH banner (read as a non-strict name length)',
      [...Buffer.from('SSH-')],
      /method name of 1397966893 /,
    ],
    [
      'a Redis error (read as a non-strict name length)',
      [...Buffer.from('-ERR')],
      /method name of 759517778 /,
    ],
    ['a non-strict call', [0, 0, 0, 1, 0x6d, 1], /message type 1 where a reply/],
  ],
  compact: [
    ['a binary-protocol message', [0x80], /bad protocol id 0x80/],
    ['another version', [0x82, 0x42], /bad version 2 /],
    ['a method name length past 2^31 - 1', [0x82, 0x41, 0, 0xff, 0xff, 0xff, 0xff, 0x0f], /invalid length/],
    ['a call, not a reply', [0x82, 0x21], /message type 1 where a reply/],
    [
      'a method name of 2^30 bytes',
      [0x82, 0x41, 1, 0x80, 0x80, 0x80, 0x80, 0x04],
      /method name of 1073741824 /,
    ],
    ['a method name of 65 bytes', [0x82, 0x61, 1, 65], /method name of 65 bytes/],
  ],
};

describe.each([
  ['binary', binaryBody],
  ['compact', compactBody],
] as [Protocol, Case[]][])('%s protocol: invalid bytes throw', (protocol, body) => {
  const header = encodeHeader(protocol);
  const cases: Case[] = [
    ...body.map(([name, bytes, error]): Case => [name, [...header, ...bytes], error]),
    ...headers[protocol],
  ];

  it.each(cases)('%s', (_, bytes, error) => {
    const message = Buffer.from(bytes);
    expect(() => messageLength(message, message.length, protocol)).toThrow(error);
    // Fed byte by byte, the walk waits until the bad bytes are all there, then throws the same.
    const walker = messageLengthWalker(protocol);
    let at = 0;
    expect(() => {
      for (; at <= message.length; at++) expect(walker.feed(message, 0, at)).toBe(-1);
    }).toThrow(error);
    expect(at).toBe(message.length);
  });

  it('nesting up to the limit is fine', () => {
    const nested =
      protocol === 'binary'
        ? [...Array(63).fill([0x0c, 0, 1]).flat(), ...Array(64).fill(0)]
        : [...Array(63).fill(0x1c), ...Array(64).fill(0)];
    const message = Buffer.from([...header, ...nested]);
    expect(messageLength(message, message.length, protocol)).toBe(message.length);
  });

  it('reaches the reader, which the socket channel turns into a protocol mismatch', () => {
    const reader = new MessageReader('buffered', protocol, () => {});
    const [, bytes, error] = cases[0]!;
    expect(() => reader.push(Buffer.from(bytes))).toThrow(error);
  });
});
