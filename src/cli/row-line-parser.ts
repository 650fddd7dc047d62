import { isUtf8 } from 'node:buffer';
import type { CellColumn } from '../client/columns';
import type { ColumnInterner } from './column-interner';

/** @internal One cell of a row line, its column validated and shared by the cells naming it. */
export interface ParsedCell {
  column: CellColumn;
  value: Buffer;
  /** Milliseconds: a number up to 2^53 - 1, a bigint beyond (so that equal times compare equal). */
  timestamp: number | bigint;
}

/** @internal One row line of an export file, read for the import. */
export interface ParsedRow {
  key: Buffer;
  cells: ParsedCell[];
}

// Bytes of the JSON syntax the parser meets.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const ZERO = 0x30;
const NINE = 0x39;

const KEY_FIELD = Buffer.from('{"key":');
const CELLS_FIELD = Buffer.from(',"cells":[');
const COLUMN_FIELD = Buffer.from('{"column":');
const VALUE_FIELD = Buffer.from(',"value":');
const TIMESTAMP_FIELD = Buffer.from(',"timestamp":');
const BASE64_FIELD = Buffer.from('{"base64":"');

/**
 * The value of each character of base64 (standard alphabet, as `byte-encoding.ts`'s BASE64
 * pattern takes it), -1 for other bytes.
 */
const BASE64_VALUE = new Int8Array(256).fill(-1);
Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/').forEach((c, i) => {
  BASE64_VALUE[c] = i;
});

/** Hexadecimal digit values, -1 for other bytes. */
const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[ZERO + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[0x41 + i] = 10 + i;
  HEX[0x61 + i] = 10 + i;
}

/** What a one-character escape stands for (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`); -1 for others. */
const SIMPLE_ESCAPE = new Int16Array(256).fill(-1);
SIMPLE_ESCAPE[QUOTE] = QUOTE;
SIMPLE_ESCAPE[BACKSLASH] = BACKSLASH;
SIMPLE_ESCAPE[0x2f] = 0x2f;
SIMPLE_ESCAPE[0x62] = 0x08;
SIMPLE_ESCAPE[0x66] = 0x0c;
SIMPLE_ESCAPE[0x6e] = 0x0a;
SIMPLE_ESCAPE[0x72] = 0x0d;
SIMPLE_ESCAPE[0x74] = 0x09;

const MAX_INT64 = 2n ** 63n - 1n;

/**
 * @internal Reads a row line of an export file straight from its bytes, when it is written the way
 * `export` writes rows: `{"key":K,"cells":[{"column":C,"value":V,"timestamp":T},...]}`, no
 * whitespace, fields in that order, each byte string a JSON string or `{"base64":"..."}`, each
 * timestamp digits or a string of digits. It answers `undefined` for any other line (other
 * spacing or order, invalid UTF-8, anything wrong): the caller then reads it with `JSON.parse`
 * (`parseRow`), which takes any JSON and names what is wrong. For every line it accepts, the row
 * is the one `parseRow` reads.
 *
 * Why: an import is bound by this process's CPU, and `JSON.parse` builds a string and an object
 * per key, column, value and cell, which the import then encodes back into bytes. Here the bytes
 * of a plain string are a view of the line (no copy), a column is looked up once per row line
 * among the columns seen before, and a timestamp stays a number.
 */
export class RowLineParser {
  readonly #columns: ColumnInterner;
  /** The line being read, and the position of the next byte; `#failed` once it does not match. */
  #bytes: Buffer = Buffer.alloc(0);
  #at = 0;
  #end = 0;

  constructor(columns: ColumnInterner) {
    this.#columns = columns;
  }

  /** The row written on `bytes[start..end)` (a line without its line end), or `undefined`. */
  parse(bytes: Buffer, start: number, end: number): ParsedRow | undefined {
    this.#bytes = bytes;
    this.#at = start;
    this.#end = end;
    if (!this.#literal(KEY_FIELD)) return undefined;
    const key = this.#byteString();
    if (key === undefined || !this.#literal(CELLS_FIELD)) return undefined;
    const cells: ParsedCell[] = [];
    const columns: Buffer[] = [];
    if (bytes[this.#at] === CLOSE_BRACKET) this.#at++;
    else {
      for (;;) {
        if (!this.#literal(COLUMN_FIELD)) return undefined;
        const columnBytes = this.#byteString();
        if (columnBytes === undefined || !this.#literal(VALUE_FIELD)) return undefined;
        const value = this.#byteString();
        if (value === undefined || !this.#literal(TIMESTAMP_FIELD)) return undefined;
        const timestamp = this.#timestamp();
        if (timestamp === undefined || bytes[this.#at] !== CLOSE_BRACE) return undefined;
        this.#at++;
        columns.push(columnBytes);
        cells.push({ column: undefined as unknown as CellColumn, value, timestamp });
        const next = bytes[this.#at++];
        if (next === CLOSE_BRACKET) break;
        if (next !== COMMA) return undefined;
      }
    }
    if (bytes[this.#at] !== CLOSE_BRACE || this.#at + 1 !== end) return undefined;
    // Once the whole line is read (a malformed line is parseRow's to describe): each column
    // validated (the library's InvalidArgumentError otherwise) and shared with the cells of the
    // same column, which the interner finds by comparing bytes.
    for (let i = 0; i < cells.length; i++) cells[i]!.column = this.#columns.intern(columns[i]!);
    return { key, cells };
  }

  /** Skips `literal` if the line continues with it. */
  #literal(literal: Buffer): boolean {
    const bytes = this.#bytes;
    const at = this.#at;
    if (at + literal.length > this.#end) return false;
    for (let i = 0; i < literal.length; i++) if (bytes[at + i] !== literal[i]) return false;
    this.#at = at + literal.length;
    return true;
  }

  /** A byte string: a JSON string (its UTF-8 bytes) or `{"base64":"..."}`. */
  #byteString(): Buffer | undefined {
    const bytes = this.#bytes;
    if (bytes[this.#at] === QUOTE) {
      this.#at++;
      return this.#string();
    }
    if (!this.#literal(BASE64_FIELD)) return undefined;
    const start = this.#at;
    let at = start;
    const end = this.#end;
    while (at < end && BASE64_VALUE[bytes[at]!]! >= 0) at++;
    const digits = at;
    // Up to two `=` of padding, then the closing quote and brace.
    let padding = 0;
    while (at < end && bytes[at] === 0x3d && padding < 2) {
      at++;
      padding++;
    }
    if (at + 1 >= end || bytes[at] !== QUOTE || bytes[at + 1] !== CLOSE_BRACE) return undefined;
    this.#at = at + 2;
    return decodeBase64(bytes, start, digits);
  }

  /** The rest of a JSON string, after its opening quote: its bytes as `Buffer.from(text, 'utf8')` gives them. */
  #string(): Buffer | undefined {
    const bytes = this.#bytes;
    const start = this.#at;
    const end = this.#end;
    let at = start;
    let ascii = true;
    for (;;) {
      if (at >= end) return undefined;
      const c = bytes[at]!;
      if (c === QUOTE) break;
      if (c === BACKSLASH) return this.#escapedString(start);
      if (c < 0x20) return undefined; // JSON wants control characters escaped
      if (c >= 0x80) ascii = false;
      at++;
    }
    this.#at = at + 1;
    const text = bytes.subarray(start, at);
    // Invalid UTF-8: JSON.parse of the decoded line would see U+FFFD there; let it.
    return ascii || isUtf8(text) ? text : undefined;
  }

  /** A JSON string with escapes, from `start` (after its opening quote). */
  #escapedString(start: number): Buffer | undefined {
    const bytes = this.#bytes;
    const end = this.#end;
    // No escape is shorter than what it stands for in UTF-8: the string's bytes are enough room.
    let close = start;
    while (close < end && !(bytes[close] === QUOTE && !escapedQuote(bytes, start, close))) close++;
    if (close >= end) return undefined;
    const raw = bytes.subarray(start, close);
    if (!isUtf8(raw)) return undefined;
    const out = Buffer.allocUnsafe(close - start);
    let length = 0;
    let at = start;
    while (at < close) {
      const c = bytes[at]!;
      if (c !== BACKSLASH) {
        if (c < 0x20) return undefined;
        out[length++] = c;
        at++;
        continue;
      }
      const kind = bytes[at + 1]!;
      const simple = SIMPLE_ESCAPE[kind]!;
      if (simple >= 0) {
        out[length++] = simple;
        at += 2;
        continue;
      }
      if (kind !== 0x75) return undefined; // only \u is left
      const unit = hex4(bytes, at + 2, close);
      if (unit < 0) return undefined;
      at += 6;
      let codePoint = unit;
      if (unit >= 0xd800 && unit <= 0xdbff && bytes[at] === BACKSLASH && bytes[at + 1] === 0x75) {
        const low = hex4(bytes, at + 2, close);
        if (low >= 0xdc00 && low <= 0xdfff) {
          codePoint = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
          at += 6;
        }
      }
      // A lone surrogate becomes U+FFFD, as Buffer.from(text, 'utf8') writes it.
      if (codePoint >= 0xd800 && codePoint <= 0xdfff) codePoint = 0xfffd;
      length = putUtf8(out, length, codePoint);
    }
    this.#at = close + 1;
    return out.subarray(0, length);
  }

  /** A timestamp: digits (a JSON number, at most 2^53 - 1) or a string of 1 to 19 digits. */
  #timestamp(): number | bigint | undefined {
    const bytes = this.#bytes;
    const quoted = bytes[this.#at] === QUOTE;
    if (quoted) this.#at++;
    const start = this.#at;
    let at = start;
    let value = 0;
    while (at < this.#end) {
      const c = bytes[at]!;
      if (c < ZERO || c > NINE) break;
      value = value * 10 + (c - ZERO);
      at++;
    }
    const digits = at - start;
    if (digits === 0) return undefined;
    if (quoted) {
      if (digits > 19 || bytes[at] !== QUOTE) return undefined;
      this.#at = at + 1;
    } else {
      // JSON numbers have no leading zeros; a fraction or exponent goes the JSON.parse way.
      if (digits > 1 && bytes[start] === ZERO) return undefined;
      this.#at = at;
    }
    // Digit by digit, a value that ends up safe was exact at every step.
    if (Number.isSafeInteger(value)) return value;
    if (!quoted) return undefined; // past 2^53 - 1: parseRow refuses it
    const big = BigInt(bytes.toString('latin1', start, at));
    return big > MAX_INT64 ? undefined : big;
  }
}

/**
 * The bytes of base64 digits `bytes[start..end)` (padding excluded), as Node's decoder reads them
 * (byte-encoding.ts's bytesFromJson uses it): whole groups of four digits, then two digits give
 * a byte, three give two, one gives none; bits past the last byte are ignored. Decoded here to
 * spare a string per value.
 */
function decodeBase64(bytes: Buffer, start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(((end - start) * 3) >> 2);
  let length = 0;
  let at = start;
  for (; at + 4 <= end; at += 4) {
    const group =
      (BASE64_VALUE[bytes[at]!]! << 18) |
      (BASE64_VALUE[bytes[at + 1]!]! << 12) |
      (BASE64_VALUE[bytes[at + 2]!]! << 6) |
      BASE64_VALUE[bytes[at + 3]!]!;
    out[length++] = group >> 16;
    out[length++] = (group >> 8) & 0xff;
    out[length++] = group & 0xff;
  }
  const left = end - at;
  if (left === 2) {
    out[length++] = (BASE64_VALUE[bytes[at]!]! << 2) | (BASE64_VALUE[bytes[at + 1]!]! >> 4);
  } else if (left === 3) {
    const group =
      (BASE64_VALUE[bytes[at]!]! << 10) |
      (BASE64_VALUE[bytes[at + 1]!]! << 4) |
      (BASE64_VALUE[bytes[at + 2]!]! >> 2);
    out[length++] = group >> 8;
    out[length++] = group & 0xff;
  }
  return length === out.length ? out : out.subarray(0, length);
}

/** Whether the quote at `at` is escaped: an odd number of backslashes before it (from `start`). */
function escapedQuote(bytes: Buffer, start: number, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= start && bytes[i] === BACKSLASH; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Four hex digits at `at` (before `end`) as a number, or -1. */
function hex4(bytes: Buffer, at: number, end: number): number {
  if (at + 4 > end) return -1;
  const a = HEX[bytes[at]!]!;
  const b = HEX[bytes[at + 1]!]!;
  const c = HEX[bytes[at + 2]!]!;
  const d = HEX[bytes[at + 3]!]!;
  if (a < 0 || b < 0 || c < 0 || d < 0) return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

/** Writes a code point as UTF-8 at `at`; returns the position after it. */
function putUtf8(out: Buffer, at: number, codePoint: number): number {
  if (codePoint < 0x80) {
    out[at] = codePoint;
    return at + 1;
  }
  if (codePoint < 0x800) {
    out[at] = 0xc0 | (codePoint >> 6);
    out[at + 1] = 0x80 | (codePoint & 0x3f);
    return at + 2;
  }
  if (codePoint < 0x10000) {
    out[at] = 0xe0 | (codePoint >> 12);
    out[at + 1] = 0x80 | ((codePoint >> 6) & 0x3f);
    out[at + 2] = 0x80 | (codePoint & 0x3f);
    return at + 3;
  }
  out[at] = 0xf0 | (codePoint >> 18);
  out[at + 1] = 0x80 | ((codePoint >> 12) & 0x3f);
  out[at + 2] = 0x80 | ((codePoint >> 6) & 0x3f);
  out[at + 3] = 0x80 | (codePoint & 0x3f);
  return at + 4;
}
