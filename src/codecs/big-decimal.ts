import { bytesToDecode } from './checks';
import type { Codec } from './codec';
import { CodecError } from './codec-error';
import { fromTwosComplement, toTwosComplement } from './twos-complement';

// Java's BigDecimal(String) grammar, ASCII digits only: a sign, digits with an optional point
// (digits on at least one side of it), an optional exponent.
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** @internal A decimal as Java's BigDecimal holds it: unscaled × 10^-scale. */
interface Decimal {
  unscaled: bigint;
  scale: number;
}

function parseDecimal(value: unknown): Decimal {
  const match = typeof value === 'string' ? DECIMAL.exec(value) : null;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? [];
  if (!match || whole.length + fraction.length === 0) {
    throw CodecError.invalidValue(
      'bigDecimal',
      'decimal text such as "12.50", "-3" or "1.5E+3" (a string, so that no digit is lost)',
      value,
    );
  }
  // More than 10 exponent digits cannot give an int32 scale; Number() of them would round.
  const scale =
    exponent.replace(/^[+-]?0*/, '').length > 10 ? Number.NaN : fraction.length - Number(exponent);
  if (!(scale >= INT32_MIN && scale <= INT32_MAX)) {
    throw CodecError.invalidValue(
      'bigDecimal',
      'a scale (fraction digits minus exponent) within int32',
      value,
    );
  }
  return { unscaled: BigInt(`${sign === '-' ? '-' : ''}${whole}${fraction}`), scale };
}

/** The text of Java's `BigDecimal.toString()`: plain unless the scale is negative or the value tiny. */
function formatDecimal({ unscaled, scale }: Decimal): string {
  const sign = unscaled < 0n ? '-' : '';
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString();
  const adjusted = -scale + (digits.length - 1);
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) return sign + digits;
    if (digits.length > scale) return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return `${sign}0.${'0'.repeat(scale - digits.length)}${digits}`;
  }
  const coefficient = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${coefficient}E${adjusted < 0 ? '-' : '+'}${Math.abs(adjusted)}`;
}

/**
 * Java's `BigDecimal`, exactly: the bytes of HBase's `Bytes.toBytes(BigDecimal)` /
 * `Bytes.toBigDecimal` (a 4-byte big-endian scale, then the unscaled value's two's-complement
 * bytes as `BigInteger.toByteArray()` writes them).
 *
 * The value is a decimal string, because JavaScript has no decimal type and a `number` would
 * lose digits. The string carries the scale too (`"1.50"` is not `"1.5"`, as in Java), so what
 * Java wrote reads back byte for byte when written again, and it is what decimal libraries
 * (decimal.js, big.js, bignumber.js), `Number()` and JSON responses take.
 *
 * - Decoding returns Java's `BigDecimal.toString()` text: `"12.50"`, `"-0.001"`, and exponent
 *   notation where Java uses it (a negative scale, `"1.2E+3"`, or a value below 10^-6 with
 *   trailing digits, `"1E-7"`, `"0E-8"`).
 * - Encoding takes any text Java's `new BigDecimal(String)` takes in ASCII digits (`"+.5"`,
 *   `"1e3"`, `"-12.340"`) with the same scale Java gives it; it rejects other values, numbers
 *   included (write `String(x)` if a double is what you mean), and scales outside int32.
 *
 * Not order-preserving.
 *
 * @example
 * ```ts
 * @Column({ family: 'account', codec: bigDecimal }) balance?: string;
 * bigDecimal.encode('12.50'); // <00 00 00 02 04 e2>: scale 2, unscaled 1250
 * ```
 */
export const bigDecimal: Codec<string> = Object.freeze({
  name: 'bigDecimal',
  encode(value: string): Buffer {
    const { unscaled, scale } = parseDecimal(value);
    const digits = toTwosComplement(unscaled);
    const out = Buffer.allocUnsafe(4 + digits.length);
    out.writeInt32BE(scale, 0);
    digits.copy(out, 4);
    return out;
  },
  decode(bytes: Buffer): string {
    bytes = bytesToDecode('bigDecimal', bytes);
    if (bytes.length < 5) {
      throw CodecError.wrongLength(
        'bigDecimal',
        'at least 5 bytes (a 4-byte scale and the value)',
        bytes.length,
      );
    }
    return formatDecimal({ scale: bytes.readInt32BE(0), unscaled: fromTwosComplement(bytes.subarray(4)) });
  },
});
