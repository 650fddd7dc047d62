/**
 * Codecs: how entity fields become cell values and row keys, and back.
 *
 * Value codecs write the bytes of HBase's Java `Bytes` class (so data written by Java or the
 * shell reads back); key codecs are order-preserving, for row keys that scan in order.
 *
 * @packageDocumentation
 */

// Values (HBase `Bytes`-compatible where Java has an equivalent).
export { bigDecimal } from './big-decimal';
export { boolean } from './boolean';
export { type BytesCodec, bytes } from './bytes';
export { char16 } from './char16';
export type { Codec, KeyCodec } from './codec';
export { CodecError } from './codec-error';
export type { BigIntCodec, BigIntKeyCodec, CodecInput, CodecValue } from './codec-types';
// Row keys (order-preserving) and their combinators.
export {
  type CompositeCodec,
  type CompositeInput,
  type CompositeValue,
  composite,
  type EncodePrefixOptions,
  type LeadingParts,
} from './composite';
export { counter } from './counter';
export { date } from './date';
export { decimalString } from './decimal-string';
export {
  type DelimitedCodec,
  type DelimitedInput,
  type DelimitedOptions,
  type DelimitedValue,
  delimited,
} from './delimited';
export { descending } from './descending';
export { type FixedStringOptions, fixedString } from './fixed-string';
export { float32, float64 } from './floats';
export { fnv1a32 } from './fnv1a';
export { int8 } from './int8';
export { int64 } from './int64';
export { int16, int32 } from './integers';
export { json } from './json';
export { type JsonBigIntOptions, jsonBigInt } from './json-bigint';
export { type SaltedCodec, type SaltedOptions, salted } from './salted';
export { sortableFloat64 } from './sortable-float64';
export { sortableInt32, sortableInt64 } from './sortable-integers';
export { utf8 } from './utf8';
export { utf8Key } from './utf8-key';
