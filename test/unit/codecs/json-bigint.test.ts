import fc from 'fast-check';
import { CodecError, jsonBigInt } from '../../../src/codecs';
import { expectCodecError } from './support';

const codec = jsonBigInt<unknown>();
const text = (value: unknown) => codec.encode(value).toString('utf8');
const read = (json: string) => codec.decode(Buffer.from(json, 'utf8'));

/**
 * What a value reads back as: a number that is an integer beyond 2^53 as the bigint of the digits
 * JSON.stringify writes for it (its shortest decimal form; from 1e21 on it writes an exponent).
 */
function expected(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value))
    return /^-?\d+$/.test(String(value)) ? BigInt(String(value)) : value;
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) && BigInt(Number(value)) === value ? Number(value) : value;
  if (Array.isArray(value)) return value.map(expected);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expected(v)]));
  return value;
}

describe('jsonBigInt', () => {
  it('reads integers beyond 2^53 exactly, as bigints, and others as numbers', () => {
    expect(read('{"id":9223372036854775807,"n":-9223372036854775808,"small":42,"x":1.5}')).toEqual({
      id: 9223372036854775807n,
      n: -9223372036854775808n,
      small: 42,
      x: 1.5,
    });
    expect(read('[9007199254740991, 9007199254740992, -9007199254740993]')).toEqual([
      9007199254740991,
      9007199254740992n,
      -9007199254740993n,
    ]);
    // Fractions and exponents stay numbers, as with JSON.parse.
    expect(read('[12345678901234567890.5, 1e30, -0]')).toEqual([Number('12345678901234567890.5'), 1e30, -0]);
  });

  it('writes bigints as plain JSON integers, anywhere in the value', () => {
    expect(text({ id: 2n ** 64n, list: [-(2n ** 63n)], nested: { small: 5n } })).toBe(
      '{"id":18446744073709551616,"list":[-9223372036854775808],"nested":{"small":5}}',
    );
  });

  it('round-trips any bigint exactly (a safe one reads back as a number)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }), (value) => {
        expect((read(text({ value })) as { value: unknown }).value).toEqual(expected(value));
      }),
    );
  });

  it('reads and writes JSON like JSON.parse / JSON.stringify where no large integer is involved', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = JSON.stringify(value);
        expect(text(value)).toBe(json);
        expect(read(json)).toEqual(expected(JSON.parse(json)));
      }),
    );
  });

  it('keeps any string exact, lone surrogates and control characters included (escaped as JSON.stringify does)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.bigInt(), (value, big) => {
        const doc = { value, big: big * 2n ** 60n };
        expect(read(text(doc))).toEqual(expected(doc));
        expect(text(value)).toBe(JSON.stringify(value));
      }),
    );
    expect(text('\ud800')).toBe('"\\ud800"');
  });

  it('keeps JSON.parse semantics on the lossless path: last duplicate wins, __proto__ is data', () => {
    const parsed = read('{"a":1,"a":12345678901234567890,"__proto__":{"polluted":true}}') as Record<
      string,
      unknown
    >;
    expect(parsed.a).toBe(12345678901234567890n);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads every integer as a bigint with alwaysBigInt', () => {
    const always = jsonBigInt({ alwaysBigInt: true });
    expect(always.decode(Buffer.from('{"a":1,"b":[2,3.5],"c":12345678901234567890}'))).toEqual({
      a: 1n,
      b: [2n, 3.5],
      c: 12345678901234567890n,
    });
  });

  it('rejects cycles, unserializable values, invalid JSON and bad options', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expectCodecError(() => codec.encode(cyclic), 'jsonBigInt', /cannot serialize the value: a cycle/);
    expectCodecError(() => codec.encode(undefined), 'jsonBigInt', /expected a JSON-serializable value/);
    expectCodecError(() => read('{"a":'), 'jsonBigInt', /invalid JSON/);
    expectCodecError(() => read('[12345678901234567890,'), 'jsonBigInt', /invalid JSON/);
    expectCodecError(() => codec.decode(Buffer.from([0xff])), 'jsonBigInt', /expected UTF-8 text/);
    expectCodecError(
      () => jsonBigInt({ alwaysBigInt: 'yes' as never }),
      'jsonBigInt',
      /options.alwaysBigInt/,
    );
  });

  it.each([
    ['a bare word', 'card-4111-1111-1111-1111', 0],
    ['garbage after a value', '{"card":"4111-1111-1111-1111" x}', 30],
    ['a cut string', '{"card":"4111-1111-1111', 23],
    ['a cut document with a long number', '{"card":41111111111111111111,"pin":"9876', 40],
  ])('invalid JSON (%s) is reported by its position, never by the stored text', (_, text, position) => {
    for (const decoder of [codec, jsonBigInt({ alwaysBigInt: true })]) {
      let error: unknown;
      try {
        decoder.decode(Buffer.from(text, 'utf8'));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CodecError);
      const { message, cause } = error as CodecError;
      expect(message).toBe(`jsonBigInt codec: invalid JSON at position ${position}`);
      // Nor through the cause, which a logger would print.
      expect(cause).toBeUndefined();
    }
  });
});
