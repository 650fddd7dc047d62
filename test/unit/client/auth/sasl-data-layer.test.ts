// The data phase: splitting at the gateway's buffer, order kept through asynchronous wraps.
// The "context" here only reverses bytes: it stands for the GSS wrap (which needs a KDC and is
// exercised against the real secure gateways in test/integration/secure/).
import type { KerberosClientLike } from '../../../../src/client/auth/kerberos-peer';
import { SaslDataLayer } from '../../../../src/client/auth/sasl-data-layer';
import { encodeDataFrame, SaslByteQueue } from '../../../../src/client/auth/sasl-frames';

const reverse = (b64: string): string => Buffer.from(Buffer.from(b64, 'base64').reverse()).toString('base64');
/** A stand-in context whose wraps finish in random order of time. */
function reversingContext(calls: Array<{ protect?: boolean }>): KerberosClientLike {
  const later = <T>(value: T) =>
    new Promise<T>((resolve) => setTimeout(() => resolve(value), Math.random() * 5));
  return {
    contextComplete: true,
    step: async () => '',
    wrap: (data, options) => {
      calls.push(options ?? {});
      return later(reverse(data));
    },
    unwrap: (data) => later(reverse(data)),
  };
}

function frames(bytes: Buffer): Buffer[] {
  const queue = new SaslByteQueue();
  queue.push(bytes);
  const out: Buffer[] = [];
  for (let frame = queue.nextFrame(); frame; frame = queue.nextFrame()) out.push(frame);
  return out;
}

describe('SaslDataLayer', () => {
  it('auth: plain frames, split at the max payload', () => {
    const layer = new SaslDataLayer(undefined, 'auth', 4, Buffer.alloc(0));
    const written: Buffer[] = [];
    layer.attach(
      (b) => written.push(b),
      () => {},
      () => {},
    );
    layer.send(Buffer.from('abcdefghij'));
    expect(frames(Buffer.concat(written)).map(String)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('auth-conf: every piece wrapped with protect, in order, whatever order the wraps finish in', async () => {
    const calls: Array<{ protect?: boolean }> = [];
    const layer = new SaslDataLayer(reversingContext(calls), 'auth-conf', 3, Buffer.alloc(0));
    const written: Buffer[] = [];
    layer.attach(
      (b) => written.push(b),
      () => {},
      () => {},
    );
    for (const message of ['abcdefg', 'hi', 'jklm']) layer.send(Buffer.from(message));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const plain = frames(Buffer.concat(written)).map((f) => Buffer.from(f).reverse().toString());
    expect(plain.join('')).toBe('abcdefghijklm');
    expect(plain.every((p) => p.length <= 3)).toBe(true);
    expect(calls.every((c) => c.protect === true)).toBe(true);
  });

  it('auth-int wraps without confidentiality; reads unwrap and deliver in order, leftovers first', async () => {
    const calls: Array<{ protect?: boolean }> = [];
    const wrapped = (text: string) => encodeDataFrame(Buffer.from(text).reverse());
    const layer = new SaslDataLayer(reversingContext(calls), 'auth-int', 100, wrapped('one-'));
    const delivered: string[] = [];
    layer.attach(
      () => {},
      (b) => delivered.push(String(b)),
      () => {},
    );
    const rest = Buffer.concat([wrapped('two-'), wrapped('three')]);
    layer.received(rest.subarray(0, 5));
    layer.received(rest.subarray(5));
    layer.send(Buffer.from('x'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(delivered.join('')).toBe('one-two-three');
    expect(calls).toEqual([{ protect: false }]);
  });

  it('a frame that cannot be unwrapped fails the layer once, and nothing more is delivered', async () => {
    const context = reversingContext([]);
    context.unwrap = () => Promise.reject(new Error('GSS failure: bad checksum'));
    const layer = new SaslDataLayer(context, 'auth-int', 100, Buffer.alloc(0));
    const failures: unknown[] = [];
    layer.attach(
      () => {},
      () => {},
      (e) => failures.push(e),
    );
    layer.received(Buffer.concat([encodeDataFrame(Buffer.from('a')), encodeDataFrame(Buffer.from('b'))]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(failures).toHaveLength(1);
  });
});
