// bigIntsToStrings: what BigIntToStringInterceptor does to handler results (its HTTP behaviour is
// tested against the real HBase in test/integration/nest/bigint-json.test.ts).
import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { Exclude, instanceToPlain } from 'class-transformer';
import fc from 'fast-check';
import { bigIntsToStrings } from '../../../src/nest';

const bigintReplacer = (_key: string, value: unknown) =>
  typeof value === 'bigint' ? value.toString() : value;

describe('bigIntsToStrings', () => {
  it('serializes as JSON.stringify with a bigint-to-string replacer would, leaving the input unchanged', () => {
    const jsonish = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
        fc.string(),
        fc.double({ noNaN: true }),
        fc.boolean(),
        fc.constant(null),
        fc.date({ noInvalidDate: true }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(jsonish, (value) => {
        const before = JSON.stringify(value, bigintReplacer);
        const converted = bigIntsToStrings(value);
        expect(JSON.stringify(converted)).toBe(before);
        expect(JSON.stringify(value, bigintReplacer)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every digit of 64-bit values', () => {
    expect(bigIntsToStrings({ max: 2n ** 63n - 1n, min: -(2n ** 63n), u: 2n ** 64n - 1n })).toEqual({
      max: '9223372036854775807',
      min: '-9223372036854775808',
      u: '18446744073709551615',
    });
    expect(bigIntsToStrings(BigInt64Array.of(-1n, 2n ** 62n))).toEqual(['-1', '4611686018427387904']);
  });

  it('copies only what holds a bigint, and a copied instance keeps its class', () => {
    class User {
      id = 'ada';
      logins = 3n;
      profile = { city: 'London' };
      get label() {
        return `${this.id} (${this.logins})`;
      }
    }
    const user = new User();
    const converted = bigIntsToStrings(user);
    expect(converted).toBeInstanceOf(User);
    expect(converted).not.toBe(user);
    expect(converted.logins).toBe('3');
    expect(converted.profile).toBe(user.profile); // no bigint inside: the same object
    expect((converted as unknown as User).label).toBe('ada (3)');
    expect(user.logins).toBe(3n);
    const plain = { a: [1, 'x'], b: { c: true } };
    expect(bigIntsToStrings(plain)).toBe(plain);
  });

  it('turns Maps with string keys into objects (a @ColumnMap field), and leaves Maps keyed by objects', () => {
    expect(bigIntsToStrings({ tags: new Map([['plan', 'pro']]), hits: new Map([[1, 2n]]) })).toEqual({
      tags: { plan: 'pro' },
      hits: { 1: '2' },
    });
    const byObject = new Map([[{}, 1n]]);
    expect(bigIntsToStrings(byObject)).toBe(byObject);
  });

  it('leaves Dates, Buffers, Sets, streams and StreamableFiles as they are', () => {
    const date = new Date(0);
    const buffer = Buffer.from('hi');
    const set = new Set([1n]);
    const stream = Readable.from(['x']);
    const file = new StreamableFile(Buffer.from('file'));
    const converted = bigIntsToStrings({ date, buffer, set, stream, file, n: 1n });
    expect(converted.date).toBe(date);
    expect(converted.buffer).toBe(buffer);
    expect(converted.set).toBe(set);
    expect(converted.stream).toBe(stream);
    expect(converted.file).toBe(file);
    expect(JSON.stringify({ date, buffer, n: 1n }, bigintReplacer)).toBe(
      JSON.stringify({ date: converted.date, buffer: converted.buffer, n: converted.n }),
    );
  });

  it('keeps cycles, pointing at the copies: JSON.stringify reports them, class-transformer can drop them', () => {
    const node: { n: bigint; self?: unknown; list: unknown[] } = { n: 1n, list: [] };
    node.self = node;
    node.list.push(node);
    const converted = bigIntsToStrings(node);
    expect(converted.n).toBe('1');
    expect(converted.self).toBe(converted);
    expect(converted.list[0]).toBe(converted);
    expect(node.self).toBe(node);
    expect(() => JSON.stringify(converted)).toThrow(/circular/i);

    class Child {
      name = 'c';
      parent?: Parent;
    }
    // @Exclude() on `parent`, applied by hand: this suite compiles with standard decorators, and
    // class-transformer's are experimentalDecorators ones.
    Exclude()(Child.prototype, 'parent');
    class Parent {
      total = 5n;
      children: Child[] = [];
    }
    const parent = new Parent();
    parent.children.push(Object.assign(new Child(), { parent }));
    expect(instanceToPlain(bigIntsToStrings(parent))).toEqual({ total: '5', children: [{ name: 'c' }] });
  });

  it('copies an object without bigints when it is on a cycle with one that has', () => {
    const a: { b?: unknown; n: bigint } = { n: 1n };
    const b = { a };
    a.b = b;
    const converted = bigIntsToStrings({ root: b });
    expect(converted.root).not.toBe(b);
    expect(JSON.stringify(converted.root.a, ['n'])).toBe('{"n":"1"}');
    expect((converted.root.a as { b: unknown }).b).toBe(converted.root);
  });

  it('works before or after class-transformer (ClassSerializerInterceptor)', () => {
    class Account {
      id = 'ada';
      visits = 7n;
      tags = new Map([['plan', 'pro']]);
    }
    const after = bigIntsToStrings(instanceToPlain(new Account()));
    const before = instanceToPlain(bigIntsToStrings(new Account()));
    expect(after).toEqual({ id: 'ada', visits: '7', tags: { plan: 'pro' } });
    expect(before).toEqual(after);
  });
});
