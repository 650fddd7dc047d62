import fc from 'fast-check';
import { CodecError, decimalString, delimited, utf8 } from '../../../src/codecs';
import { anyText, expectCodecError } from './support';

describe('delimited', () => {
  const key = delimited([utf8, decimalString]);

  it('joins text parts with the separator (default #), as other tools write them', () => {
    expect(key.encode(['IND', 1]).toString()).toBe('IND#1');
    expect(key.decode(Buffer.from('USA#42'))).toEqual(['USA', 42]);
    expect(delimited([utf8, utf8, utf8], { separator: '|' }).encode(['2024', 'acme', '7']).toString()).toBe(
      '2024|acme|7',
    );
    expect(key.name).toBe('delimited(utf8, decimalString; "#")');
  });

  it('round-trips parts without the separator, for single and multi-character separators', () => {
    for (const separator of ['#', '::', '—', 'ab']) {
      const codec = delimited([utf8, utf8, utf8], { separator });
      fc.assert(
        fc.property(fc.tuple(anyText(), anyText(), anyText()), (parts) => {
          let encoded: Buffer;
          try {
            encoded = codec.encode(parts);
          } catch (error) {
            // Rejected only when a part holds the separator or forms one with its neighbour.
            expect(error).toBeInstanceOf(CodecError);
            expect(parts.join(separator).split(separator)).not.toEqual(parts);
            return;
          }
          expect(encoded.toString('utf8')).toBe(parts.join(separator));
          expect(codec.decode(encoded)).toEqual(parts);
        }),
      );
    }
  });

  it('rejects a part containing the separator, naming the part', () => {
    expectCodecError(
      () => key.encode(['IN#D', 1]),
      'delimited(utf8, decimalString; "#")',
      'delimited(utf8, decimalString; "#") codec: part 0 (utf8) contains the separator "#"; delimited keys have no escaping',
    );
    const colons = delimited([utf8, utf8], { separator: '::' });
    expectCodecError(
      () => colons.encode(['a:', 'b']),
      colons.name,
      /part 0 \(utf8\) forms the separator "::"/,
    );
    expect(colons.decode(colons.encode(['a', ':b']))).toEqual(['a', ':b']); // "a:::b" splits at the first "::"
    const three = delimited([utf8, utf8, utf8], { separator: '::' });
    expectCodecError(
      () => three.encode(['a', 'b:', 'c']),
      three.name,
      /part 1 \(utf8\) forms the separator "::"/,
    );
    expectCodecError(() => key.encode(['IND', Number.NaN]), key.name, /part 1: decimalString codec/);
  });

  it('rejects keys with another number of parts, and bad parts', () => {
    expectCodecError(
      () => key.decode(Buffer.from('IND')),
      key.name,
      /expected 2 parts separated by "#", got 1/,
    );
    expectCodecError(() => key.decode(Buffer.from('IND#1#2')), key.name, /expected 2 parts .*got more/);
    expectCodecError(() => key.decode(Buffer.from('IND#x')), key.name, /part 1: decimalString codec/);
    expectCodecError(() => key.encode(['IND'] as never), key.name, /expected an array of 2 parts/);
  });

  it('encodes prefixes that match whole leading parts, or a beginning with partialLast', () => {
    const three = delimited([utf8, utf8, utf8]);
    expect(three.encodePrefix([]).toString()).toBe('');
    expect(three.encodePrefix(['IND']).toString()).toBe('IND#');
    expect(three.encodePrefix(['IND', 'a']).toString()).toBe('IND#a#');
    expect(three.encodePrefix(['IN'], { partialLast: true }).toString()).toBe('IN');
    expect(three.encodePrefix(['IND', 'a', 'b']).toString()).toBe('IND#a#b');
    expectCodecError(() => three.encodePrefix(['a', 'b', 'c', 'd']), three.name, /at most 3 leading parts/);
  });

  it('sorts by text, not by part values (it is not a KeyCodec)', () => {
    expect((key as { orderPreserving?: boolean }).orderPreserving).toBeUndefined();
    expect(Buffer.compare(key.encode(['a', 10]), key.encode(['a', 9]))).toBe(-1);
    const strings = delimited([utf8, utf8]);
    expect(Buffer.compare(strings.encode(['a!', 'b']), strings.encode(['a', 'z']))).toBe(-1);
  });

  it('rejects invalid factory arguments', () => {
    expectCodecError(() => delimited([]), 'delimited', /invalid parts/);
    expectCodecError(() => delimited([utf8], { separator: '' }), 'delimited', /options.separator/);
    expectCodecError(() => delimited([utf8], { separator: 5 as never }), 'delimited', /options.separator/);
    expectCodecError(() => delimited([{} as never]), 'delimited', /parts\[0\]/);
  });
});
