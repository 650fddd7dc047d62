// A model of arbitrary Thrift values and messages, encoded with the thrift library's own writers,
// for the message-walk suites (not a test file itself: jest runs *.test.ts). The one exception is
// the uuid type, which the pinned thrift 0.22 predates (its writers arrived with 0.23, together with
// the ES-module-only `uuid` dependency): it is written here, as the Thrift spec defines it.
import fc from 'fast-check';
import Int64 from 'node-int64';
import * as thrift from 'thrift';

export type Protocol = 'binary' | 'compact';

/** A Thrift type, as an IDL would declare it. */
export type ThriftType =
  | { kind: 'bool' | 'byte' | 'i16' | 'i32' | 'i64' | 'double' | 'string' | 'uuid' }
  | { kind: 'struct' }
  | { kind: 'list' | 'set'; element: ThriftType }
  | { kind: 'map'; key: ThriftType; value: ThriftType };

/** A field of a struct value, in wire order. */
export type Field = { id: number; type: ThriftType; value: unknown };

type Writer = Record<string, (...args: unknown[]) => void>;
const lib = thrift as unknown as Record<string, new (...args: unknown[]) => Writer>;

/** Binary-protocol type ids, which the library's writers take for both protocols. */
const TYPE_ID: Record<ThriftType['kind'], number> = {
  bool: 2,
  byte: 3,
  double: 4,
  i16: 6,
  i32: 8,
  i64: 10,
  string: 11,
  struct: 12,
  map: 13,
  set: 14,
  list: 15,
  uuid: 16,
};

export const t = {
  bool: { kind: 'bool' },
  byte: { kind: 'byte' },
  i16: { kind: 'i16' },
  i32: { kind: 'i32' },
  i64: { kind: 'i64' },
  double: { kind: 'double' },
  string: { kind: 'string' },
  uuid: { kind: 'uuid' },
  struct: { kind: 'struct' },
  list: (element: ThriftType): ThriftType => ({ kind: 'list', element }),
  set: (element: ThriftType): ThriftType => ({ kind: 'set', element }),
  map: (key: ThriftType, value: ThriftType): ThriftType => ({ kind: 'map', key, value }),
} as const satisfies Record<string, ThriftType | ((...types: ThriftType[]) => ThriftType)>;

/** An i64 from its 8 big-endian bytes: the full range, beyond what a JS number holds. */
export function i64(hex: string): Int64 {
  return new Int64(Buffer.from(hex.padStart(16, '0'), 'hex'));
}

/** The library's writer of each scalar type. */
const SCALAR_WRITER: Record<string, string> = {
  bool: 'writeBool',
  byte: 'writeByte',
  i16: 'writeI16',
  i32: 'writeI32',
  i64: 'writeI64',
  double: 'writeDouble',
  string: 'writeBinary',
  uuid: 'writeUuid',
};

function writeValue(out: Writer, type: ThriftType, value: unknown): void {
  switch (type.kind) {
    case 'struct':
      writeStruct(out, value as Field[]);
      break;
    case 'list':
    case 'set': {
      const items = value as unknown[];
      const kind = type.kind === 'list' ? 'List' : 'Set';
      out[`write${kind}Begin`]!(TYPE_ID[type.element.kind], items.length);
      for (const item of items) writeValue(out, type.element, item);
      out[`write${kind}End`]!();
      break;
    }
    case 'map': {
      const entries = value as [unknown, unknown][];
      out.writeMapBegin!(TYPE_ID[type.key.kind], TYPE_ID[type.value.kind], entries.length);
      for (const [k, v] of entries) {
        writeValue(out, type.key, k);
        writeValue(out, type.value, v);
      }
      out.writeMapEnd!();
      break;
    }
    default:
      out[SCALAR_WRITER[type.kind]!]!(value);
  }
}

function writeStruct(out: Writer, fields: Field[]): void {
  out.writeStructBegin!('s');
  for (const field of fields) {
    out.writeFieldBegin!('f', TYPE_ID[field.type.kind], field.id);
    writeValue(out, field.type, field.value);
    out.writeFieldEnd!();
  }
  out.writeFieldStop!();
  out.writeStructEnd!();
}

/** Options of {@link encodeMessage}. */
export type MessageOptions = { name?: string; seqid?: number; strict?: boolean };

/**
 * A message whose body is a struct with `fields`, encoded by the thrift library. `strict: false`
 * gives an old non-strict binary header.
 */
export function encodeMessage(protocol: Protocol, fields: Field[], options: MessageOptions = {}): Buffer {
  return encode(protocol, options, (out) => writeStruct(out, fields));
}

/** Only the header of a message, for suites that write a body by hand. */
export function encodeHeader(protocol: Protocol, options: MessageOptions = {}): Buffer {
  return encode(protocol, options, () => {});
}

/** Thrift's uuid type id, and its id in the compact protocol (which thrift 0.22 does not map). */
const UUID_TYPE = 16;
const COMPACT_UUID_TYPE = 0x0d;

/**
 * Gives a protocol object of the library a uuid writer: the 16 bytes of the UUID, in order (both
 * protocols), and, for the compact protocol, the uuid's type id in field, list and map headers.
 */
function withUuid(out: Writer, protocol: Protocol): Writer {
  const transport = (out as unknown as { trans: { write(bytes: Buffer): void } }).trans;
  out.writeUuid = (value: unknown) => transport.write(Buffer.from(String(value).replaceAll('-', ''), 'hex'));
  if (protocol === 'compact') {
    const compactTypeOf = out.getCompactType as unknown as (type: number) => number;
    out.getCompactType = ((type: number) =>
      type === UUID_TYPE ? COMPACT_UUID_TYPE : compactTypeOf.call(out, type)) as Writer[string];
  }
  return out;
}

function encode(protocol: Protocol, options: MessageOptions, body: (out: Writer) => void): Buffer {
  let encoded: Buffer = Buffer.alloc(0);
  const transport = new lib.TBufferedTransport!(undefined, (buf: Buffer) => {
    encoded = buf;
  });
  const out = withUuid(
    protocol === 'compact'
      ? new lib.TCompactProtocol!(transport)
      : new lib.TBinaryProtocol!(transport, false, options.strict ?? true),
    protocol,
  );
  out.writeMessageBegin!(options.name ?? 'scannerGetList', 2, options.seqid ?? 42);
  body(out);
  out.writeMessageEnd!();
  transport.flush!();
  return encoded;
}

const scalarType = fc.constantFrom<ThriftType>(
  t.bool,
  t.byte,
  t.i16,
  t.i32,
  t.i64,
  t.double,
  t.string,
  t.uuid,
);

/** Arbitrary types, containers nested a few deep (structs get their fields with their values). */
export const typeArbitrary: fc.Arbitrary<ThriftType> = fc.letrec<{ type: ThriftType }>((tie) => ({
  type: fc.oneof(
    { maxDepth: 4, depthIdentifier: 'type' },
    scalarType,
    scalarType,
    fc.constant<ThriftType>(t.struct),
    fc.record({ kind: fc.constantFrom('list' as const, 'set' as const), element: tie('type') }),
    fc.record({ kind: fc.constant('map' as const), key: tie('type'), value: tie('type') }),
  ),
})).type;

const fieldIds = fc.oneof(fc.integer({ min: 1, max: 20 }), fc.integer({ min: -40, max: 32_767 }));

/** Arbitrary struct values: fields of arbitrary types, ids in any order (so compact long forms too). */
export const structArbitrary: fc.Arbitrary<Field[]> = fc.letrec<{ struct: Field[] }>((tie) => ({
  struct: fc.uniqueArray(
    typeArbitrary.chain((type) =>
      fc.record({ id: fieldIds, type: fc.constant(type), value: valueArbitrary(type, () => tie('struct')) }),
    ),
    { selector: (field) => field.id, maxLength: 5, depthIdentifier: 'type' },
  ),
})).struct;

function valueArbitrary(type: ThriftType, struct: () => fc.Arbitrary<Field[]>): fc.Arbitrary<unknown> {
  switch (type.kind) {
    case 'bool':
      return fc.boolean();
    case 'byte':
      return fc.integer({ min: -128, max: 127 });
    case 'i16':
      return fc.integer({ min: -32_768, max: 32_767 });
    case 'i32':
      return fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    case 'i64':
      return fc
        .bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })
        .map((n) => i64(BigInt.asUintN(64, n).toString(16)));
    case 'double':
      return fc.double();
    case 'string':
      return fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes));
    case 'uuid':
      return fc.uuid();
    case 'struct':
      return struct();
    case 'list':
    case 'set':
      return fc.array(valueArbitrary(type.element, struct), { maxLength: 20, depthIdentifier: 'type' });
    case 'map':
      return fc.array(fc.tuple(valueArbitrary(type.key, struct), valueArbitrary(type.value, struct)), {
        maxLength: 5,
        depthIdentifier: 'type',
      });
  }
}
