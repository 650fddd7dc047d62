import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { date, int64 } from '../../../src/codecs';
import { expectCodecError, expectRoundTrip, hex } from './support';

describe('date', () => {
  it('round-trips every valid Date, before 1970 and at the edges of the Date range', () => {
    expectRoundTrip(date, fc.date({ noInvalidDate: true }));
    for (const ms of [0, -1, 8.64e15, -8.64e15]) {
      expect(date.decode(date.encode(new Date(ms))).getTime()).toBe(ms);
    }
  });

  it('writes epoch milliseconds as int64 (Bytes.toBytes(date.getTime()))', () => {
    const now = new Date('2024-05-06T07:08:09.010Z');
    expect(date.encode(now)).toEqual(int64.encode(BigInt(now.getTime())));
    expect(date.encode(new Date(-1))).toEqual(hex('ff ff ff ff ff ff ff ff'));
  });

  it('accepts a Date from another realm', () => {
    const foreign = runInNewContext('new Date(1000)') as Date;
    expect(date.decode(date.encode(foreign)).getTime()).toBe(1000);
  });

  it('rejects invalid Dates and non-Dates', () => {
    expectCodecError(
      () => date.encode(new Date('nope')),
      'date',
      'date codec: expected a valid Date, got an invalid Date',
    );
    expectCodecError(() => date.encode(0 as never), 'date', 'date codec: expected a valid Date, got 0');
    expectCodecError(() => date.encode('2024-01-01' as never), 'date', /got "2024-01-01"$/);
    expectCodecError(() => date.encode({ getTime: () => 0 } as never), 'date', /got an object \(Object\)$/);
  });

  it('rejects bytes of the wrong length and times a Date cannot hold', () => {
    expectCodecError(() => date.decode(Buffer.alloc(4)), 'date', 'date codec: expected 8 bytes, got 4');
    expectCodecError(
      () => date.decode(int64.encode(8_640_000_000_000_001n)),
      'date',
      'date codec: expected epoch milliseconds within ±8.64e15, got 8640000000000001',
    );
    expectCodecError(() => date.decode(hex('80 00 00 00 00 00 00 00')), 'date', /within ±8\.64e15/);
  });
});
