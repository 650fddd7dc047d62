// Readiness probe: a real Thrift1 `getTableNames` call, hand-encoded so this works without npm deps.
// A gateway accepts TCP connections long before HBase can serve, so only a REPLY carrying the
// result struct's field 0 (success) counts as ready; field 1 (IOError) or anything else does not.
// A thrift2 gateway has no getTableNames (it answers a Thrift1 getTableNames with the
// TApplicationException "Invalid method name", before touching HBase), so it is probed with the
// Thrift2 `listNamespaces` call instead: same shape (no args, list result, TIOError as field 1), and
// it goes to the master, so like getTableNames it only succeeds once HBase serves.

import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

const METHODS = { thrift1: 'getTableNames', thrift2: 'listNamespaces' };
const SEQID = 1;
const T_CALL = 1,
  T_REPLY = 2,
  T_EXCEPTION = 3;

class NeedMore extends Error {}

// ---- encoders ---------------------------------------------------------------------------------

function binaryCall(method) {
  const name = Buffer.from(method);
  const b = Buffer.alloc(4 + 4 + name.length + 4 + 1);
  b.writeUInt32BE((0x80010000 | T_CALL) >>> 0, 0); // strict header: version 1, type CALL
  b.writeInt32BE(name.length, 4);
  name.copy(b, 8);
  b.writeInt32BE(SEQID, 8 + name.length);
  b[b.length - 1] = 0x00; // empty args struct: STOP
  return b;
}

function varint(n) {
  const out = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

function compactCall(method) {
  const name = Buffer.from(method);
  return Buffer.from([0x82, (T_CALL << 5) | 1, ...varint(SEQID), ...varint(name.length), ...name, 0x00]);
}

function frame(payload) {
  const len = Buffer.alloc(4);
  len.writeInt32BE(payload.length, 0);
  return Buffer.concat([len, payload]);
}

// ---- decoders: read just enough of the reply to classify it ----------------------------------

class Reader {
  constructor(buf) {
    this.buf = buf;
    this.pos = 0;
  }
  need(n) {
    if (this.pos + n > this.buf.length) throw new NeedMore();
  }
  u8() {
    this.need(1);
    return this.buf[this.pos++];
  }
  i16() {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  i32() {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  bytes(n) {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  varint() {
    let shift = 0,
      v = 0;
    for (;;) {
      const b = this.u8();
      v |= (b & 0x7f) << shift;
      if (!(b & 0x80)) return v >>> 0;
      shift += 7;
      if (shift > 35) throw new Error('bad varint');
    }
  }
}

const zigzag = (n) => (n >>> 1) ^ -(n & 1);

// Each protocol supplies: message header, next field header ({type,id} or null at STOP), string,
// list header. Type ids differ between protocols, so they are normalised to names.
const BINARY = {
  header(r) {
    const v = r.i32();
    if ((v & 0xffff0000) !== (0x80010000 | 0))
      throw new Error(`not a strict binary-protocol reply (0x${(v >>> 0).toString(16)})`);
    const name = r.bytes(r.i32()).toString();
    return { type: v & 0xff, name, seqid: r.i32() };
  },
  field(r) {
    const t = r.u8();
    if (t === 0) return null;
    return { type: { 15: 'list', 12: 'struct', 11: 'string', 8: 'i32' }[t] ?? `t${t}`, id: r.i16() };
  },
  string: (r) => r.bytes(r.i32()).toString(),
  listSize: (r) => {
    r.u8();
    return r.i32();
  },
};

const COMPACT = {
  header(r) {
    if (r.u8() !== 0x82) throw new Error('not a compact-protocol reply');
    const tv = r.u8();
    const seqid = r.varint();
    const name = r.bytes(r.varint()).toString();
    return { type: (tv >> 5) & 0x07, name, seqid };
  },
  field(r, last = 0) {
    const b = r.u8();
    if (b === 0) return null;
    const delta = b >> 4;
    const id = delta ? last + delta : zigzag(r.varint());
    return { type: { 9: 'list', 12: 'struct', 8: 'string', 5: 'i32' }[b & 0x0f] ?? `t${b & 0x0f}`, id };
  },
  string: (r) => r.bytes(r.varint()).toString(),
  listSize: (r) => {
    const b = r.u8();
    return b >> 4 === 0x0f ? r.varint() : b >> 4;
  },
};

// First string field of a struct (IOError.message / TApplicationException.message are field 1).
function firstString(P, r) {
  const f = P.field(r);
  return f && f.type === 'string' ? P.string(r) : '(no message)';
}

/** Classifies a complete or partial reply; throws NeedMore if more bytes are required. */
function classify(P, buf, method) {
  const r = new Reader(buf);
  const h = P.header(r);
  if (h.name !== method || h.seqid !== SEQID) throw new Error(`unexpected reply ${h.name}#${h.seqid}`);
  if (h.type === T_EXCEPTION)
    return { ok: false, reason: 'exception', message: `TApplicationException: ${firstString(P, r)}` };
  if (h.type !== T_REPLY) throw new Error(`unexpected message type ${h.type}`);
  const f = P.field(r);
  if (f && f.id === 0 && f.type === 'list') {
    const count = P.listSize(r);
    return method === METHODS.thrift1 ? { ok: true, tables: count } : { ok: true, namespaces: count };
  }
  if (f && f.id === 1 && f.type === 'struct') {
    const msg = firstString(P, r).split('\n')[0];
    return { ok: false, reason: 'ioerror', message: `IOError: ${msg}` };
  }
  return { ok: false, reason: 'protocol', message: `reply without a result (field ${f ? f.id : 'STOP'})` };
}

// ---- transports ------------------------------------------------------------------------------

function socketProbe({ host, port, timeoutMs, framed, P, request, method }) {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    let done = false;
    const sock = net.connect({ host, port });
    const finish = (res) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(res);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: 'timeout', message: `no reply within ${timeoutMs} ms` }),
      timeoutMs,
    );
    sock.on('connect', () => sock.write(framed ? frame(request) : request));
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      try {
        let body = buf;
        if (framed) {
          if (buf.length < 4) return;
          const len = buf.readInt32BE(0);
          if (buf.length < 4 + len) return;
          body = buf.subarray(4, 4 + len);
        }
        finish(classify(P, body, method));
      } catch (e) {
        if (!(e instanceof NeedMore)) finish({ ok: false, reason: 'protocol', message: e.message });
        else if (framed) finish({ ok: false, reason: 'protocol', message: 'truncated frame' });
      }
    });
    sock.on('error', (e) =>
      finish({ ok: false, reason: e.code === 'ECONNREFUSED' ? 'refused' : 'error', message: e.message }),
    );
    sock.on('close', () =>
      finish({ ok: false, reason: 'closed', message: 'connection closed before a full reply' }),
    );
  });
}

function httpProbe({ host, port, timeoutMs, tls, path, method }) {
  const tlsOpts = typeof tls === 'object' && tls ? tls : {};
  const mod = tls ? https : http;
  const ca =
    tlsOpts.ca ?? (tlsOpts.caFile && existsSync(tlsOpts.caFile) ? readFileSync(tlsOpts.caFile) : undefined);
  const body = binaryCall(method);
  return new Promise((resolve) => {
    let done = false;
    const finish = (res) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(res);
    };
    const req = mod.request(
      {
        host,
        port,
        path,
        method: 'POST',
        servername: 'localhost',
        agent: false,
        ca,
        rejectUnauthorized: tlsOpts.rejectUnauthorized ?? Boolean(ca),
        headers: {
          'Content-Type': 'application/x-thrift',
          Accept: 'application/x-thrift',
          'Content-Length': body.length,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200)
            return finish({ ok: false, reason: 'http', message: `HTTP ${res.statusCode}` });
          try {
            finish(classify(BINARY, Buffer.concat(chunks), method));
          } catch (e) {
            finish({
              ok: false,
              reason: 'protocol',
              message: e instanceof NeedMore ? 'truncated reply' : e.message,
            });
          }
        });
        res.on('error', (e) => finish({ ok: false, reason: 'error', message: e.message }));
      },
    );
    const timer = setTimeout(
      () => finish({ ok: false, reason: 'timeout', message: `no reply within ${timeoutMs} ms` }),
      timeoutMs,
    );
    req.on('error', (e) =>
      finish({ ok: false, reason: e.code === 'ECONNREFUSED' ? 'refused' : 'error', message: e.message }),
    );
    req.end(body);
  });
}

/**
 * One getTableNames round trip (listNamespaces for api 'thrift2'). Never throws, never hangs longer
 * than timeoutMs.
 * @param {object} o
 * @param {string} [o.host='127.0.0.1']
 * @param {number} o.port
 * @param {'buffered'|'framed'|'http'} [o.transport='buffered']
 * @param {'binary'|'compact'} [o.protocol='binary']  (http mode is always binary)
 * @param {boolean} [o.http]  same as transport 'http'
 * @param {boolean|{ca?:string|Buffer, caFile?:string, rejectUnauthorized?:boolean}} [o.tls]
 *        http only (false = plain HTTP); `true` = TLS without verification, or pass the CA to verify against.
 * @param {'thrift1'|'thrift2'} [o.api='thrift1']  which service the gateway serves
 * @param {number} [o.timeoutMs=5000]
 * @returns {Promise<{ok:boolean, method:string, tables?:number, namespaces?:number, reason?:string,
 *   message?:string, ms:number}>}  (tables for thrift1, namespaces for thrift2)
 */
export async function probeGateway({
  host = '127.0.0.1',
  port,
  transport = 'buffered',
  protocol = 'binary',
  http = false,
  tls = false,
  api = 'thrift1',
  timeoutMs = 5000,
  path = '/',
} = {}) {
  const t0 = Date.now();
  const method = METHODS[api];
  if (!method) return { ok: false, method: '?', reason: 'usage', message: `unknown api ${api}`, ms: 0 };
  let res;
  if (http || transport === 'http') {
    res = await httpProbe({ host, port, timeoutMs, tls, path, method });
  } else {
    const P = protocol === 'compact' ? COMPACT : BINARY;
    const request = protocol === 'compact' ? compactCall(method) : binaryCall(method);
    res = await socketProbe({ host, port, timeoutMs, framed: transport === 'framed', P, request, method });
  }
  return { ...res, method, ms: Date.now() - t0 };
}
