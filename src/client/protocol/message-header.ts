/**
 * @internal What a reply's message header may hold, checked as soon as its bytes arrive: a peer
 * that is not a Thrift gateway (an SSH banner, a Redis error line, random bytes) must be named at
 * once, not after the call's timeout, which is what waiting for a length read from its bytes
 * amounts to.
 */

/** Message type of a reply. */
export const REPLY = 2;
/** Message type of a reply that carries a TApplicationException. */
export const EXCEPTION = 3;

/**
 * The longest method name a reply may carry. Thrift1's longest is 31 bytes
 * (`getTableNamesWithIsTableEnabled`); a longer one is bytes of another kind read as a length.
 */
export const MAX_METHOD_NAME_BYTES = 64;

/**
 * @internal The largest length or count a message may claim: a gigabyte, the largest frame the
 * framed reader takes. A larger one is bytes of another kind read as a length; waiting for that
 * many bytes would only end in the call's timeout.
 */
export const MAX_LENGTH = 1024 ** 3;

/** @internal Throws unless `length` (of a string, or a count of elements) is plausible. */
export function checkLength(length: number): number {
  if (length > MAX_LENGTH) throw new Error(`invalid length ${length} in a Thrift message (at most 2^30)`);
  return length;
}

/** @internal Throws unless `type` is the type of a reply. */
export function checkReplyType(type: number): void {
  if (type !== REPLY && type !== EXCEPTION) {
    throw new Error(`message type ${type} where a reply (2) or an exception (3) was expected`);
  }
}

/** @internal Throws unless `length` is a plausible method name length. */
export function checkMethodNameLength(length: number): void {
  if (length <= 0 || length > MAX_METHOD_NAME_BYTES) {
    throw new Error(
      `a method name of ${length} bytes in the message header (at most ${MAX_METHOD_NAME_BYTES} are plausible)`,
    );
  }
}
