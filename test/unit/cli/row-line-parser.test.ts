// The import's byte-level row reader against the JSON.parse one (parseRow): on every line it
// accepts it must read the same row, and it must leave every line it cannot read exactly (other
// spacing or order, invalid JSON or UTF-8, out-of-range timestamps) to parseRow.
import fc from 'fast-check';
import { bytesToJson } from '../../../src/cli/byte-encoding';
import { timestampToJson } from '../../../src/cli/cell-json';
import { ColumnInterner } from '../../../src/cli/column-interner';
import { parseRow } from '../../../src/cli/export-format';
import { RowLineParser } from '../../../src/cli/row-line-parser';
import { InvalidArgumentError } from '../../../src/client/errors';

const parser = new RowLineParser(new ColumnInterner());

interface Plain {
  key: Buffer;
  cells: Array<{ column: Buffer; value: Buffer; timestamp: number | bigint }>;
}

/** What the fast reader makes of a line (bytes), as plain data; undefined when it declines. */
function fast(line: Buffer): Plain | undefined {
  // Inside a larger buffer, as in a block of lines: the reader must stay within its line.
  const block = Buffer.concat([Buffer.from('x}]\n'), line, Buffer.from('\n{"key":"y"}')]);
  const row = parser.parse(block, 4, 4 + line.length);
  return row && { key: row.key, cells: row.cells.map((c) => ({ ...c, column: c.column.bytes })) };
}

/** parseRow's reading of the line, or the error it throws. */
function slow(line: Buffer): Plain | Error {
  try {
    return parseRow(line.toString('utf8'), 2, 'f.jsonl');
  } catch (error) {
    return error as Error;
  }
}

/** Same row from both, or the fast one declined. Answers whether the fast reader read it. */
function agree(line: Buffer | string): boolean {
  const bytes = Buffer.isBuffer(line) ? line : Buffer.from(line, 'utf8');
  const ours = fast(bytes);
  if (ours === undefined) return false;
  expect(ours).toEqual(slow(bytes));
  return true;
}

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a)),
  fc.string({ unit: 'binary', maxLength: 12 }).map((s) => Buffer.from(s, 'utf8')),
  fc.constantFrom(
    ...['"', '\\', '/', '\n\r\t\b\f', '\u0000\u001f\u007f', 'Zürich 🌍', '\uFFFD'].map((s) => Buffer.from(s)),
  ),
);
const timestamp = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 45 }).map(BigInt),
  fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
);

describe('RowLineParser', () => {
  it('reads every row as export writes it, as parseRow does', () => {
    fc.assert(
      fc.property(
        bytes.filter((b) => b.length > 0),
        fc.array(fc.tuple(bytes, bytes, timestamp), { maxLength: 5 }),
        (key, cells) => {
          // As export writes a row (cell-json.ts's rowToJson, from bytes).
          const json = {
            key: bytesToJson(key),
            cells: cells.map(([qualifier, value, ts]) => ({
              column: bytesToJson(Buffer.concat([Buffer.from('cf:'), qualifier])),
              value: bytesToJson(value),
              timestamp: timestampToJson(ts),
            })),
          };
          expect(agree(JSON.stringify(json))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    '{"key":"k","cells":[]}',
    '{"key":"\\u00e9\\u00E9 \\/ \\" \\\\ \\b\\f\\n\\r\\t","cells":[{"column":"cf:a","value":"v","timestamp":0}]}',
    '{"key":"\\ud83d\\ude00 \\ud800 x \\udc00 \\ud800\\ud800\\udc00 \\ud83d","cells":[]}',
    '{"key":{"base64":""},"cells":[{"column":{"base64":"Y2Y6"},"value":{"base64":"QQ"},"timestamp":"0012"}]}',
    '{"key":{"base64":"QUI="},"cells":[{"column":"cf:","value":{"base64":"QR=="},"timestamp":"9223372036854775807"}]}',
    '{"key":"k","cells":[{"column":"cf:a","value":"1","timestamp":9007199254740991},{"column":"cf:a","value":"2","timestamp":"9007199254740992"}]}',
    '{"key":"k","cells":[{"column":"cf:a","value":"1","timestamp":"0000000000000000005"}]}',
  ])('reads %s as parseRow does', (line) => {
    expect(agree(line)).toBe(true);
  });

  it('decodes base64 as Node does, whatever the number of digits and padding', () => {
    const digits = fc.stringMatching(/^[A-Za-z0-9+/]{0,14}$/);
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: 2 }), (text, padding) => {
        const base64 = `${text}${'='.repeat(padding)}`;
        expect(agree(`{"key":{"base64":"${base64}"},"cells":[]}`)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    '{ "key":"k","cells":[]}',
    '{"cells":[],"key":"k"}',
    '{"key":"k","cells":[],"extra":1}',
    '{"key":"k","key":"j","cells":[]}',
    '{"key":"k","cells":[{"column":"cf:a","value":"v","timestamp":0123}]}',
    '{"key":"k","cells":[{"column":"cf:a","value":"v","timestamp":1e3}]}',
    '{"key":"k","cells":[{"column":"cf:a","value":"v","timestamp":1.0}]}',
    '{"key":"k","cells":[{"column":"cf:a","value":"v","timestamp":-1}]}',
    '{"key":"k","cells":[{"column":"cf:a","value":"v","timestamp":9007199254740993}]}',
    '{"key":"k","cells":[{"column":"cf:a","value":"v","timestamp":"9223372036854775808"}]}',
    '{"key":"k","cells":[{"column":"cf:a","value":"v","timestamp":"12345678901234567890"}]}',
    '{"key":"k","cells":[{"column":"cf:a","value":{"base64":"%%"},"timestamp":1}]}',
    '{"key":{"base64":"QQ==="},"cells":[]}',
    '{"key":{"base64":"Q=Q"},"cells":[]}',
    '{"key":{"base64":"QQ","x":1},"cells":[]}',
    '{"key":"\\x","cells":[]}',
    '{"key":"\\u12","cells":[]}',
    '{"key":"tab\there","cells":[]}',
    '{"key":"k","cells":[]} ',
    '{"key":"k","cells":[],}',
    '{"key":"k","cells":[{"column":"cf:a","value":"v","timestamp":1},]}',
    '{"key":"k","cells":"nope"}',
    '{"key":"k"',
    '',
  ])('leaves %j to parseRow', (line) => {
    expect(agree(line)).toBe(false);
  });

  it('leaves invalid UTF-8 to parseRow (which reads U+FFFD there)', () => {
    const line = Buffer.concat([
      Buffer.from('{"key":"a'),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('","cells":[]}'),
    ]);
    expect(agree(line)).toBe(false);
    const escaped = Buffer.concat([
      Buffer.from('{"key":"\\n'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('","cells":[]}'),
    ]);
    expect(agree(escaped)).toBe(false);
  });

  it('shares one validated column among the cells naming it, and refuses a column without a family', () => {
    const line = Buffer.from(
      '{"key":"k","cells":[{"column":"cf:a","value":"1","timestamp":1},{"column":"cf:a","value":"2","timestamp":2}]}',
    );
    const [first, second] = parser.parse(line, 0, line.length)!.cells;
    expect(first!.column).toBe(second!.column);
    expect(first!.column.id).toBe('cf:a');
    const bad = Buffer.from('{"key":"k","cells":[{"column":"nofamily","value":"1","timestamp":1}]}');
    expect(() => parser.parse(bad, 0, bad.length)).toThrow(InvalidArgumentError);
  });
});
