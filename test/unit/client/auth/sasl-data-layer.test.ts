// The data phase: splitting at the gateway's buffer, wrapping per frame, reading frames split
// anywhere. The wrapper here only reverses bytes: it stands for the GSS wrap, which needs a KDC
// and is exercised against the real secure gateways in test/integration/secure/.
import { type FrameWrapper, SaslDataLayer } from '../../../../src/client/auth/sasl-data-layer';
import { encodeDataFrame, SaslByteQueue } from '../../../../src/client/auth/sasl-frames';

const reversed = (b: Buffer): Buffer => Buffer.from(b).reverse();
/** A stand-in wrapper that records the confidentiality asked for and reverses bytes. */
function reversingWrapper(
  calls: boolean[],
  receivedConfidential = true,
): FrameWrapper & { disposed: number } {
  return {
    disposed: 0,
    wrap: (data, confidential) => {
      calls.push(confidential);
      return reversed(data);
    },
    unwrap: (token) => ({ data: reversed(token), confidential: receivedConfidential }),
    dispose() {
      this.disposed++;
    },
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
    const layer = new SaslDataLayer(undefined, 4, Buffer.alloc(0));
    const written: Buffer[] = [];
    layer.attach(
      (b) => written.push(b),
      () => {},
      () => {},
    );
    layer.send(Buffer.from('abcdefghij'));
    expect(frames(Buffer.concat(written)).map(String)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('auth-conf: every piece wrapped with confidentiality, in order', () => {
    const calls: boolean[] = [];
    const layer = new SaslDataLayer(
      { context: reversingWrapper(calls), confidential: true },
      3,
      Buffer.alloc(0),
    );
    const written: Buffer[] = [];
    layer.attach(
      (b) => written.push(b),
      () => {},
      () => {},
    );
    for (const message of ['abcdefg', 'hi', 'jklm']) layer.send(Buffer.from(message));
    const plain = frames(Buffer.concat(written)).map((f) => reversed(f).toString());
    expect(plain.join('')).toBe('abcdefghijklm');
    expect(plain.every((p) => p.length <= 3)).toBe(true);
    expect(calls.every((c) => c)).toBe(true);
  });

  it('auth-int wraps without confidentiality; reads unwrap and deliver in order, leftovers first', () => {
    const calls: boolean[] = [];
    const wrapped = (text: string) => encodeDataFrame(reversed(Buffer.from(text)));
    const layer = new SaslDataLayer(
      { context: reversingWrapper(calls, false), confidential: false },
      100,
      wrapped('one-'),
    );
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
    expect(delivered.join('')).toBe('one-two-three');
    expect(calls).toEqual([false]);
  });

  it('under auth-conf a frame that arrives unencrypted fails the layer', () => {
    const wrapper = reversingWrapper([], false);
    const layer = new SaslDataLayer({ context: wrapper, confidential: true }, 100, Buffer.alloc(0));
    const failures: unknown[] = [];
    const delivered: Buffer[] = [];
    layer.attach(
      () => {},
      (b) => delivered.push(b),
      (e) => failures.push(e),
    );
    layer.received(encodeDataFrame(Buffer.from('a')));
    expect(failures).toHaveLength(1);
    expect(delivered).toHaveLength(0);
    expect(wrapper.disposed).toBe(1);
  });

  it('a frame that cannot be unwrapped fails the layer once, and nothing more is delivered', () => {
    const wrapper = reversingWrapper([]);
    wrapper.unwrap = () => {
      throw new Error('GSS failure: bad checksum');
    };
    const layer = new SaslDataLayer({ context: wrapper, confidential: false }, 100, Buffer.alloc(0));
    const failures: unknown[] = [];
    layer.attach(
      () => {},
      () => {},
      (e) => failures.push(e),
    );
    layer.received(Buffer.concat([encodeDataFrame(Buffer.from('a')), encodeDataFrame(Buffer.from('b'))]));
    layer.received(encodeDataFrame(Buffer.from('c')));
    expect(failures).toHaveLength(1);
    expect(wrapper.disposed).toBe(1);
  });
});
