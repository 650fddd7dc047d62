import { types } from 'node:util';

/**
 * @internal Describes a rejected value for an error message: short, unambiguous (a string is
 * quoted, a bigint has its `n`) and never dumping a large buffer or object.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
  if (types.isUint8Array(value)) return `a Uint8Array of ${value.length} bytes`;
  if (types.isDate(value)) {
    const time = value.getTime();
    return Number.isNaN(time) ? 'an invalid Date' : `the Date ${value.toISOString()}`;
  }
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  switch (typeof value) {
    case 'string':
      return value.length > 60 ? `a string of ${value.length} characters` : JSON.stringify(value);
    case 'number':
      // String(-0) is "0", which would hide why -0 was rejected.
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
      return String(value);
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default:
      return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  }
}
