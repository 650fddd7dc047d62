#!/usr/bin/env node
// `node bench/call-floor.mjs`: what one sequential call costs on a Thrift2 gateway, puts and gets
// timed apart, for three clients side by side: a bare Node socket sending hand-encoded Thrift
// messages (no library: the floor of a round trip from Node), hbase-mapper, and HBase's Java
// Thrift2 client. Each measurement runs in a process of its own, rounds in rotated order;
// medians of µs per call and of the process's CPU µs per call. Writes
// bench/results/call-floor/latest.md. See bench/README.md, "Call floor".
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { parseFlags } from './lib/flags.mjs';
import { prepareJavaPeer } from './lib/java-peer.mjs';
import { gitRevision, prepareTsRunner, SNAPSHOT } from './lib/snapshot.mjs';

const DEFAULTS = {
  port: 9092,
  calls: 5000,
  warmup: 2000,
  rounds: 3,
  valueSize: 100,
  table: 'bench_call_floor',
  child: '',
  mode: '',
  out: 'bench/results/call-floor',
};

const HELP = `usage: node bench/call-floor.mjs [--name=value ...]

  --port=9092        the Thrift2 gateway (buffered transport, binary protocol)
  --calls=5000       timed calls per measurement
  --warmup=2000      untimed calls before them
  --rounds=3         rounds; each runs every client and call once, in a rotated order
  --value-size=100   bytes of the cell each put writes
  --out=bench/results/call-floor
`;

const options = parseFlags(process.argv.slice(2), DEFAULTS, HELP);
const log = (message) => process.stderr.write(`[call-floor] ${message}\n`);
/** Rows the calls go to, in turn: preloaded, so that every get finds its row. */
const ROWS = 1000;
const rowKey = (i) => `k${String(i % ROWS).padStart(8, '0')}`;

// ---- the bare socket: Thrift's binary protocol written by hand ----

const STOP = 0;
const I32 = 8;
const STRING = 11;
const STRUCT = 12;
const LIST = 15;

function binary(value) {
  const bytes = Buffer.from(value);
  const length = Buffer.alloc(4);
  length.writeInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}
const field = (type, id) => Buffer.from([type, 0, id]);
const i32 = (value) => {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(value);
  return bytes;
};

/** A strict binary-protocol call of `method` with `args` (the struct's fields, STOP added). */
function message(method, seqid, args) {
  return Buffer.concat([
    Buffer.from([0x80, 0x01, 0x00, 0x01]),
    binary(method),
    i32(seqid),
    ...args,
    Buffer.from([STOP]),
  ]);
}

/** `put(table, TPut { row, columnValues: [TColumnValue { family 'd', qualifier 'c0', value }] })` */
function putMessage(seqid, table, key, value) {
  const column = [
    field(STRING, 1),
    binary('d'),
    field(STRING, 2),
    binary('c0'),
    field(STRING, 3),
    value,
    Buffer.from([STOP]),
  ];
  const put = [
    field(STRING, 1),
    binary(key),
    field(LIST, 2),
    Buffer.from([STRUCT]),
    i32(1),
    ...column,
    Buffer.from([STOP]),
  ];
  return message('put', seqid, [field(STRING, 1), binary(table), field(STRUCT, 2), ...put]);
}

/** `get(table, TGet { row })` */
function getMessage(seqid, table, key) {
  return message('get', seqid, [
    field(STRING, 1),
    binary(table),
    field(STRUCT, 2),
    field(STRING, 1),
    binary(key),
    Buffer.from([STOP]),
  ]);
}

/** Where the value of `type` at `p` ends (throws RangeError past the end of `b`). */
function skip(b, p, type) {
  const need = (n) => {
    if (p + n > b.length) throw new RangeError('incomplete');
  };
  switch (type) {
    case 2:
    case 3:
      need(1);
      return p + 1;
    case 6:
      need(2);
      return p + 2;
    case I32:
      need(4);
      return p + 4;
    case 4:
    case 10:
      need(8);
      return p + 8;
    case STRING:
      need(4);
      need(4 + b.readInt32BE(p));
      return p + 4 + b.readInt32BE(p);
    case STRUCT:
      for (;;) {
        need(1);
        const t = b[p];
        if (t === STOP) return p + 1;
        need(3);
        p = skip(b, p + 3, t);
      }
    case 13: {
      need(6);
      const [k, v, n] = [b[p], b[p + 1], b.readInt32BE(p + 2)];
      p += 6;
      for (let i = 0; i < n; i++) p = skip(b, skip(b, p, k), v);
      return p;
    }
    case 14:
    case LIST: {
      need(5);
      const [e, n] = [b[p], b.readInt32BE(p + 1)];
      p += 5;
      for (let i = 0; i < n; i++) p = skip(b, p, e);
      return p;
    }
    default:
      throw new Error(`unexpected Thrift type ${type}`);
  }
}

/** The length of the reply at the start of `b`, or -1 while it is incomplete. */
function replyLength(b) {
  try {
    if (b.length < 4) return -1;
    const nameEnd = skip(b, 4, STRING);
    return skip(b, nameEnd + 4, STRUCT);
  } catch (error) {
    if (error instanceof RangeError) return -1;
    throw error;
  }
}

async function bareSocket(mode) {
  const value = binary(Buffer.alloc(options.valueSize, 0x61));
  const socket = connect(options.port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let pending = Buffer.alloc(0);
  let done;
  socket.on('data', (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    const length = replyLength(pending);
    if (length < 0) return;
    // One call at a time: a reply is complete when its struct is. Success is field 0 of the
    // result struct (a get's TResult; a put has none: the struct is empty); any other field is
    // the TIOError the gateway sent, and an exception message a failure too.
    const reply = pending.subarray(0, length);
    pending = pending.subarray(length);
    const at = 4 + 4 + reply.readInt32BE(4) + 4;
    const ok =
      reply.readInt8(3) !== 3 &&
      (mode === 'put' ? reply[at] === STOP : reply[at] === STRUCT && reply.readInt16BE(at + 1) === 0);
    done(ok ? undefined : new Error(`the gateway refused the ${mode}`));
  });
  const call = (i) =>
    new Promise((resolve, reject) => {
      done = (error) => (error ? reject(error) : resolve());
      const key = rowKey(i);
      socket.write(
        mode === 'put' ? putMessage(i, options.table, key, value) : getMessage(i, options.table, key),
      );
    });
  const result = await timed(call);
  socket.destroy();
  return result;
}

async function hbaseMapper(mode, Connection) {
  const connection = new Connection({ port: options.port, api: 'thrift2' });
  const table = connection.table(options.table);
  const value = Buffer.alloc(options.valueSize, 0x61);
  const call =
    mode === 'put'
      ? (i) => table.put(rowKey(i), { 'd:c0': value })
      : async (i) => {
          if ((await table.row(rowKey(i)))['d:c0'] === undefined) throw new Error('row missing');
        };
  const result = await timed(call);
  await connection.close();
  return result;
}

async function timed(call) {
  for (let i = 0; i < options.warmup; i++) await call(i);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < options.calls; i++) await call(i);
  const us = ((performance.now() - start) * 1000) / options.calls;
  const used = process.cpuUsage(cpu);
  return { us, cpuUs: (used.user + used.system) / options.calls };
}

// ---- the parent: table, rounds, report ----

const CLIENTS = ['bare Node socket', 'hbase-mapper', 'HBase Java Thrift2 client'];

function measure(client, mode, java) {
  const flags = Object.entries({ ...options, mode, child: client }).map(([k, v]) => `--${kebab(k)}=${v}`);
  const [command, args] =
    client === 'HBase Java Thrift2 client'
      ? [
          java.command,
          [
            ...java.args.slice(0, -1),
            'hbasemapper.bench.CallFloor',
            String(options.port),
            options.table,
            mode,
            String(options.calls),
            String(options.warmup),
            String(options.valueSize),
          ],
        ]
      : [process.execPath, [new URL(import.meta.url).pathname, ...flags]];
  const out = execFileSync(command, args, { encoding: 'utf8', timeout: 600_000 });
  return JSON.parse(out.trim().split('\n').at(-1));
}

const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function parent() {
  const { Connection } = prepareTsRunner({ build: true, log });
  const java = prepareJavaPeer({ log });
  const clients = java.skipped ? CLIENTS.slice(0, 2) : CLIENTS;
  if (java.skipped) log(`skipping the Java client: ${java.skipped}`);
  const admin = new Connection({ port: options.port, api: 'thrift2' });
  if (!(await admin.tables()).includes(options.table))
    await admin.createTable(options.table, { d: { maxVersions: 1 } });
  const value = Buffer.alloc(options.valueSize, 0x61);
  const batch = admin.table(options.table).batch();
  for (let i = 0; i < ROWS; i++) batch.put(rowKey(i), { 'd:c0': value });
  await batch.send();
  await admin.close();
  const runs = clients.flatMap((client) => ['put', 'get'].map((mode) => ({ client, mode })));
  const samples = new Map(runs.map((r) => [`${r.client}|${r.mode}`, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < runs.length; k++) {
      const { client, mode } = runs[(k + round) % runs.length];
      const sample = measure(client, mode, java);
      samples.get(`${client}|${mode}`).push(sample);
      log(
        `round ${round + 1}/${options.rounds} ${client} ${mode}: ${sample.us.toFixed(0)} µs/call, ${sample.cpuUs.toFixed(1)} µs CPU`,
      );
    }
  }
  const floor = (mode) => median(samples.get(`bare Node socket|${mode}`).map((s) => s.us));
  const lines = [
    `# Call floor (${new Date().toISOString()})`,
    '',
    `Sequential calls on the Thrift2 gateway at localhost:${options.port}, one at a time: ${options.calls} timed after ` +
      `${options.warmup} untimed, ${options.rounds} rounds, medians; each measurement a process of its own. ` +
      `Puts write one ${options.valueSize}-byte cell; gets read one row of ${ROWS} preloaded. hbase-mapper ${gitRevision()}, ` +
      `node ${process.version}${java.skipped ? '' : `, ${java.version}`}.`,
    '',
    '| client | call | µs per call | ÷ bare socket | CPU µs per call |',
    '| ------ | ---- | ----------: | ------------: | --------------: |',
  ];
  for (const { client, mode } of runs) {
    const mine = samples.get(`${client}|${mode}`);
    const us = median(mine.map((s) => s.us));
    lines.push(
      `| ${client} | ${mode} | ${us.toFixed(0)} | ${(us / floor(mode)).toFixed(2)} | ${median(mine.map((s) => s.cpuUs)).toFixed(1)} |`,
    );
  }
  const report = `${lines.join('\n')}\n`;
  mkdirSync(options.out, { recursive: true });
  writeFileSync(join(options.out, 'latest.md'), report);
  process.stdout.write(report);
  log(`wrote ${options.out}/latest.md (${SNAPSHOT} holds the build measured)`);
}

async function child() {
  const result =
    options.child === 'bare Node socket'
      ? await bareSocket(options.mode)
      : await hbaseMapper(
          options.mode,
          (await import(`../${SNAPSHOT}/dist/cjs/index.js`)).default.Connection,
        );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

(options.child ? child() : parent()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
