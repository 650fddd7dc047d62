import { createHash } from 'node:crypto';
import { MAX_ROW_KEY_BYTES } from '../client/bytes';
import { InvalidArgumentError } from '../client/errors';
import type { KeyRange } from './key-range';

/**
 * @internal The format of page cursors: base64url (no padding) of
 * `[version = 1][scope: 8 bytes][row key of the last item of the page]`.
 *
 * The scope is a hash of what the cursor belongs to: the entity's table and the scan's range
 * (bounds or prefix, and direction). A cursor brought back to another entity, or to a scan with
 * other bounds, other prefix or the other direction, is refused as foreign. No secret is involved,
 * so this detects mix-ups, not forgeries: anyone who knows the format can make a cursor. What
 * keeps a forged cursor harmless is the check that its row key lies inside the scan's range (see
 * `Repository.page`): it can only skip ahead within rows the scan returns anyway.
 */
const VERSION = 1;
const SCOPE_LENGTH = 8;
const MAX_CURSOR_LENGTH = Math.ceil(((1 + SCOPE_LENGTH + MAX_ROW_KEY_BYTES) * 4) / 3);
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** @internal What a page cursor must be, as error messages say. */
export const PAGE_CURSOR_EXPECTED = 'a cursor returned by a previous page of this scan';

/** @internal What a page cursor is bound to (see the format above). */
export type PageScope = Buffer;

/** @internal The scope of the pages of `range` over the entity stored in `table`. */
export function pageScope(table: string, range: KeyRange): PageScope {
  const hash = createHash('sha256').update('hbase-mapper page cursor v1');
  const field = (bytes: Buffer | undefined) => {
    // Length-prefixed, so that no two different scopes hash the same bytes.
    const header = Buffer.alloc(5);
    header[0] = bytes === undefined ? 0 : 1;
    header.writeUInt32BE(bytes?.length ?? 0, 1);
    hash.update(header);
    if (bytes !== undefined) hash.update(bytes);
  };
  field(Buffer.from(table, 'utf8'));
  field(Buffer.from([range.reverse ? 1 : 0]));
  field(range.start);
  field(range.stop);
  field(range.prefix);
  return hash.digest().subarray(0, SCOPE_LENGTH);
}

/** @internal The cursor that resumes the pages of `scope` after the row `rowKey`. */
export function encodePageCursor(scope: PageScope, rowKey: Buffer): string {
  return Buffer.concat([Buffer.from([VERSION]), scope, rowKey]).toString('base64url');
}

/**
 * @internal The row key a cursor of `scope` resumes after; anything else (not a string, not
 * canonical base64url, another version, another scope, no key) is an `InvalidArgumentError`.
 */
export function decodePageCursor(scope: PageScope, cursor: unknown, argument: string): Buffer {
  const refuse = () => new InvalidArgumentError(argument, PAGE_CURSOR_EXPECTED, cursor);
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor))
    throw refuse();
  const bytes = Buffer.from(cursor, 'base64url');
  // Base64 has several spellings of the same bytes (unused trailing bits): accept only ours.
  if (bytes.toString('base64url') !== cursor) throw refuse();
  if (bytes.length <= 1 + SCOPE_LENGTH || bytes[0] !== VERSION) throw refuse();
  if (!bytes.subarray(1, 1 + SCOPE_LENGTH).equals(scope)) throw refuse();
  return bytes.subarray(1 + SCOPE_LENGTH);
}
