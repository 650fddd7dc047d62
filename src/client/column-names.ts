/**
 * Column names come back from HBase as bytes but are handed to users as string keys. Valid UTF-8
 * decodes as usual. Bytes that are not valid UTF-8 are kept losslessly the way Python's
 * "surrogateescape" does (PEP 383): each such byte 0x80–0xFF becomes the lone surrogate
 * U+DC80–U+DCFF, which valid UTF-8 can never produce. Encoding a string turns those code units
 * back into the original bytes, so a key read from a row can be passed back to any method.
 *
 * The escape is for column names only, the one kind of bytes handed out as strings. Row keys,
 * values and every other string argument must be well-formed UTF-16: an unpaired surrogate in
 * them is refused (Node would silently write U+FFFD for it, and the escape would turn
 * U+DC80–U+DCFF into raw bytes that no string read back produces).
 */

/** @internal Decodes column-name bytes to a string, losslessly (see the module comment). */
export function decodeColumnName(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  // Node replaces every invalid sequence with U+FFFD; without one the bytes were valid UTF-8.
  if (!text.includes('\uFFFD')) return text;
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const length = validSequenceLength(bytes, i);
    if (length === 0) {
      out += String.fromCharCode(0xdc00 + bytes[i]!);
      i += 1;
    } else {
      out += bytes.toString('utf8', i, i + length);
      i += length;
    }
  }
  return out;
}

/** Whether a string holds no unpaired surrogate (ES2024's `isWellFormed`, native in Node 20). */
export function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** @internal What a string key, value or column name must be, for error messages. */
export const WELL_FORMED =
  'a string without unpaired surrogates (UTF-8 cannot encode a lone U+D800–U+DFFF; pass a Buffer for arbitrary bytes)';

/**
 * @internal Encodes a column name as UTF-8, turning escaped bytes (U+DC80–U+DCFF, see the module
 * comment) back into bytes. Any other unpaired surrogate cannot be encoded: `undefined`.
 */
export function encodeColumnName(text: string): Buffer | undefined {
  if (isWellFormed(text)) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++; // a pair: an astral character
      continue;
    }
    if (unit < 0xdc80 || unit > 0xdcff) return undefined;
    parts.push(Buffer.from(text.slice(from, i), 'utf8'), Buffer.from([unit - 0xdc00]));
    from = i + 1;
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Length of the well-formed UTF-8 sequence at `i` (RFC 3629), or 0 if there is none. */
function validSequenceLength(bytes: Buffer, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, min = 0x80, max = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= min && b <= max;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0; // no UTF-16 surrogates
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
