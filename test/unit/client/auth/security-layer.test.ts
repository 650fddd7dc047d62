// RFC 4752 security-layer messages and the SASL framing of Thrift's TSaslTransport: built by hand
// here, so they are checked byte by byte.

import {
  encodeDataFrame,
  encodeSaslMessage,
  SaslByteQueue,
  SaslStatus,
} from '../../../../src/client/auth/sasl-frames';
import {
  layerReply,
  maxPayload,
  offeredQops,
  parseLayerOffer,
  WRAP_OVERHEAD,
} from '../../../../src/client/auth/security-layer';

describe('security layer (RFC 4752)', () => {
  it('reads the offer: layer mask, then a 3-byte big-endian max buffer', () => {
    expect(parseLayerOffer(Buffer.from([0x07, 0x01, 0x00, 0x00]))).toEqual({ layers: 7, maxBuffer: 65536 });
    expect(offeredQops(7)).toEqual(['auth', 'auth-int', 'auth-conf']);
    expect(offeredQops(4)).toEqual(['auth-conf']);
    expect(offeredQops(2)).toEqual(['auth-int']);
    expect(() => parseLayerOffer(Buffer.from([1, 2, 3]))).toThrow(/3 bytes/);
  });

  it('answers with the chosen layer, its max buffer (0 without a layer) and no authorization id', () => {
    expect([...layerReply('auth')]).toEqual([1, 0, 0, 0]);
    expect([...layerReply('auth-int')]).toEqual([2, 0xff, 0xff, 0xff]);
    expect([...layerReply('auth-conf')]).toEqual([4, 0xff, 0xff, 0xff]);
  });

  it('keeps wrapped frames within the gateway buffer', () => {
    expect(maxPayload('auth', 65536)).toBe(65536);
    expect(maxPayload('auth-conf', 65536)).toBe(65536 - WRAP_OVERHEAD);
    // An offer of 0 sets no bound: Java's default buffer.
    expect(maxPayload('auth-int', 0)).toBe(65536 - WRAP_OVERHEAD);
  });
});

describe('SASL framing (TSaslTransport)', () => {
  it('encodes negotiation messages: status, 4-byte length, payload', () => {
    const start = encodeSaslMessage(SaslStatus.START, Buffer.from('GSSAPI'));
    expect([...start.subarray(0, 5)]).toEqual([1, 0, 0, 0, 6]);
    expect(start.subarray(5).toString()).toBe('GSSAPI');
    expect([...encodeDataFrame(Buffer.from([9, 8]))]).toEqual([0, 0, 0, 2, 9, 8]);
  });

  it('cuts messages and frames out of chunks split anywhere', () => {
    const bytes = Buffer.concat([
      encodeSaslMessage(SaslStatus.OK, Buffer.from('token')),
      encodeSaslMessage(SaslStatus.COMPLETE, Buffer.alloc(0)),
      encodeDataFrame(Buffer.from('hello')),
      encodeDataFrame(Buffer.from('world!')),
    ]);
    for (let split = 1; split < bytes.length; split++) {
      const queue = new SaslByteQueue();
      queue.push(bytes.subarray(0, split));
      const got: string[] = [];
      let message = queue.nextMessage();
      if (message) got.push(`${message.status}:${message.payload}`);
      queue.push(bytes.subarray(split));
      while (got.length < 2) {
        message = queue.nextMessage();
        got.push(`${message!.status}:${message!.payload}`);
      }
      expect(got).toEqual(['2:token', '5:']);
      expect(queue.nextFrame()!.toString()).toBe('hello');
      expect(queue.nextFrame()!.toString()).toBe('world!');
      expect(queue.nextFrame()).toBeUndefined();
    }
  });

  it('refuses what is not SASL (an HTTP answer, a wild length)', () => {
    const http = new SaslByteQueue();
    http.push(Buffer.from('HTTP/1.1 400 Bad Request\r\n'));
    expect(() => http.nextMessage()).toThrow(/status byte 72/);
    const huge = new SaslByteQueue();
    huge.push(Buffer.from([2, 0x7f, 0, 0, 0]));
    expect(() => huge.nextMessage()).toThrow(/bytes/);
  });
});
