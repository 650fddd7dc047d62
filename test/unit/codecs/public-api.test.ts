import * as root from '../../../src';
import * as codecs from '../../../src/codecs';
import { bytes, type Codec, CodecError, int32, type KeyCodec, sortableInt64 } from '../../../src/codecs';

describe('the codecs public API', () => {
  it('exports the codecs, factories and CodecError by name', () => {
    const values = Object.keys(codecs).sort();
    expect(values).toEqual(
      [
        'CodecError',
        'bigDecimal',
        'boolean',
        'char16',
        'delimited',
        'int8',
        'jsonBigInt',
        'bytes',
        'composite',
        'counter',
        'date',
        'decimalString',
        'descending',
        'fixedString',
        'float32',
        'float64',
        'fnv1a32',
        'int16',
        'int32',
        'int64',
        'json',
        'salted',
        'sortableFloat64',
        'sortableInt32',
        'sortableInt64',
        'utf8',
        'utf8Key',
      ].sort(),
    );
  });

  it('names each built-in codec after its export', () => {
    for (const [name, value] of Object.entries(codecs)) {
      if (typeof value === 'object') expect((value as Codec<unknown>).name).toBe(name);
    }
  });

  it('freezes the built-in codecs, so no one can swap a method for every user', () => {
    for (const value of Object.values(codecs))
      if (typeof value === 'object') expect(Object.isFrozen(value)).toBe(true);
    expect(() => {
      (int32 as { encode: unknown }).encode = () => Buffer.alloc(0);
    }).toThrow(TypeError);
  });

  it('marks exactly the order-preserving codecs as key codecs', () => {
    const keys = Object.entries(codecs)
      .filter(([, v]) => typeof v === 'object' && (v as Partial<KeyCodec<unknown>>).orderPreserving === true)
      .map(([name]) => name)
      .sort();
    expect(keys).toEqual(['bytes', 'sortableFloat64', 'sortableInt32', 'sortableInt64', 'utf8Key']);
  });

  it('is re-exported by the package entry point', () => {
    expect(root.CodecError).toBe(CodecError);
    expect((root as Record<string, unknown>).sortableInt64).toBe(sortableInt64);
    expect((root as Record<string, unknown>).bytes).toBe(bytes);
  });
});

// Compile-time checks (run by tsc, not jest): what generic code infers from the codecs.
declare function decodedBy<T>(codec: Codec<T>): T;
export function typeChecks(): void {
  const big: bigint = decodedBy(codecs.int64); // not bigint | number
  const key: bigint = decodedBy(codecs.sortableInt64);
  const counted: bigint = decodedBy(codecs.counter);
  const newest: bigint = decodedBy(codecs.descending(codecs.sortableInt64));
  codecs.int64.encode(1);
  codecs.int64.encode(1n);
  codecs.descending(codecs.sortableInt64).encode(Date.now());
  // @ts-expect-error int64 encodes numbers and bigints, not strings
  codecs.int64.encode('1');
  const input: codecs.CodecInput<typeof codecs.int64> = 1;
  const output: codecs.CodecValue<typeof codecs.int64> = 1n;
  const text: codecs.CodecInput<typeof codecs.utf8> = 'a';
  void [big, key, counted, newest, input, output, text];
}
