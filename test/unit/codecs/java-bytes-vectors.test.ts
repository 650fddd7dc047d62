// Known outputs of HBase's Java org.apache.hadoop.hbase.util.Bytes, so that cells written by
// Java clients or the HBase shell decode, and cells we write read back in Java.
import { boolean, counter, date, float32, float64, int16, int32, int64, utf8 } from '../../../src/codecs';
import { hex } from './support';

describe('byte-compatible with Java Bytes.toBytes', () => {
  it.each([
    ['Bytes.toBytes((short) 1)', int16.encode(1), '0001'],
    ['Bytes.toBytes((short) -1)', int16.encode(-1), 'ffff'],
    ['Bytes.toBytes((short) -32768)', int16.encode(-32768), '8000'],
    ['Bytes.toBytes(1)', int32.encode(1), '00000001'],
    ['Bytes.toBytes(-1)', int32.encode(-1), 'ffffffff'],
    ['Bytes.toBytes(256)', int32.encode(256), '00000100'],
    ['Bytes.toBytes(Integer.MIN_VALUE)', int32.encode(-2147483648), '80000000'],
    ['Bytes.toBytes(1L)', int64.encode(1n), '0000000000000001'],
    ['Bytes.toBytes(-1L)', int64.encode(-1n), 'ffffffffffffffff'],
    ['Bytes.toBytes(Long.MAX_VALUE)', int64.encode(2n ** 63n - 1n), '7fffffffffffffff'],
    ['Bytes.toBytes(42L) (a counter)', counter.encode(42n), '000000000000002a'],
    ['Bytes.toBytes(1.5f)', float32.encode(1.5), '3fc00000'],
    ['Bytes.toBytes(-2.0f)', float32.encode(-2), 'c0000000'],
    ['Bytes.toBytes(1.5d)', float64.encode(1.5), '3ff8000000000000'],
    ['Bytes.toBytes(-0.0d)', float64.encode(-0), '8000000000000000'],
    ['Bytes.toBytes(Double.NaN)', float64.encode(Number.NaN), '7ff8000000000000'],
    ['Bytes.toBytes(Double.POSITIVE_INFINITY)', float64.encode(Number.POSITIVE_INFINITY), '7ff0000000000000'],
    ['Bytes.toBytes(true)', boolean.encode(true), 'ff'],
    ['Bytes.toBytes(false)', boolean.encode(false), '00'],
    ['Bytes.toBytes("héllo €")', utf8.encode('héllo €'), '68c3a96c6c6f20e282ac'],
    [
      'Bytes.toBytes(new Date(1700000000000L).getTime())',
      date.encode(new Date(1700000000000)),
      '0000018bcfe56800',
    ],
  ])('%s', (_java, actual, expected) => {
    expect(actual.toString('hex')).toBe(expected);
  });
});

describe('decodes what Java Bytes writes', () => {
  it('Bytes.toInt / toShort / toLong / toFloat / toDouble / toBoolean / toString', () => {
    expect(int16.decode(hex('ff fe'))).toBe(-2);
    expect(int32.decode(hex('ff ff ff fe'))).toBe(-2);
    expect(int64.decode(hex('80 00 00 00 00 00 00 00'))).toBe(-(2n ** 63n));
    expect(float32.decode(hex('3f c0 00 00'))).toBe(1.5);
    expect(float64.decode(hex('3f f8 00 00 00 00 00 00'))).toBe(1.5);
    expect(boolean.decode(hex('ff'))).toBe(true);
    expect(boolean.decode(hex('00'))).toBe(false);
    expect(utf8.decode(hex('68 c3 a9'))).toBe('hé');
  });

  it('Bytes.toBoolean: any non-zero byte is true', () => {
    expect(boolean.decode(hex('01'))).toBe(true);
    expect(boolean.decode(hex('7f'))).toBe(true);
  });
});
