import fc from 'fast-check';
import { type Codec, json } from '../../../src/codecs';
import { expectCodecError, expectRoundTrip } from './support';

describe('json', () => {
  it('round-trips any JSON value', () => {
    // JSON has no -0 (nested -0s read back as 0, see below), so compare with JSON's own view.
    expectRoundTrip(
      json<unknown>(),
      fc.jsonValue().map((value) => JSON.parse(JSON.stringify(value))),
    );
  });

  it('writes UTF-8 JSON text, readable in the shell', () => {
    expect(json<{ a: string }>().encode({ a: 'é' }).toString('utf8')).toBe('{"a":"é"}');
    expect(json<{ a: string }>().encode({ a: 'é' })).toEqual(Buffer.from('{"a":"é"}', 'utf8'));
  });

  it('is typed by its parameter, one stateless codec underneath', () => {
    interface Address {
      city: string;
    }
    const codec: Codec<Address> = json<Address>();
    expect(codec.decode(codec.encode({ city: 'Lyon' })).city).toBe('Lyon');
    expect(json<number>()).toBe(json<string>());
  });

  it('loses what JSON cannot hold, as documented', () => {
    const codec = json<unknown>();
    expect(codec.decode(codec.encode({ at: new Date(0), gone: undefined }))).toEqual({
      at: '1970-01-01T00:00:00.000Z',
    });
    expect(Object.is(codec.decode(codec.encode(-0)), 0)).toBe(true);
  });

  it('rejects values without a JSON form, bigints and cycles', () => {
    const codec = json<unknown>();
    expectCodecError(
      () => codec.encode(undefined),
      'json',
      'json codec: expected a JSON-serializable value, got undefined',
    );
    expectCodecError(() => codec.encode(() => 1), 'json', /got a function$/);
    expectCodecError(() => codec.encode(1n), 'json', /^json codec: cannot serialize the value: .*BigInt/);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expectCodecError(
      () => codec.encode(cycle),
      'json',
      /^json codec: cannot serialize the value: .*circular/i,
    );
  });

  it('rejects bytes that are not UTF-8 JSON', () => {
    const codec = json<unknown>();
    expectCodecError(
      () => codec.decode(Buffer.from('{"a":')),
      'json',
      'json codec: invalid JSON at position 5',
    );
    expectCodecError(() => codec.decode(Buffer.alloc(0)), 'json', 'json codec: invalid JSON at position 0');
    // The stored text never shows (the native parser's messages quote it).
    expectCodecError(
      () => codec.decode(Buffer.from('card-4111-1111-1111-1111')),
      'json',
      'json codec: invalid JSON at position 0',
    );
    expectCodecError(() => codec.decode(Buffer.from([0x22, 0xff, 0x22])), 'json', /expected UTF-8 text/);
  });
});
