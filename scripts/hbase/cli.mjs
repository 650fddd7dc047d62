#!/usr/bin/env node
// node scripts/hbase/cli.mjs start|stop|status [--gateways=default,framed,https,...] [--timeout=SECONDS]
// Exit codes: 0 ok (start: ready or already running; status: all up), 1 failure (status: partial),
// 2 usage/config error (also: a running gateway asked for on another port), 3 status: nothing
// running, 4 start: a port is taken by another program, 5 another start/stop holds the lock; a
// start ended by Ctrl-C exits 130 (SIGTERM 143) after stopping what it spawned.
import { GATEWAYS, MAX_START_TIMEOUT_SEC, startHBase, status, stopHBase } from './project.mjs';
import { SECURE_USAGE, startSecure, statusSecure, stopSecure } from './secure.mjs';

const USAGE = `usage: node scripts/hbase/cli.mjs <start|stop|status> [options]
  start   start standalone HBase + Thrift gateways (fresh data), or reuse the running instance
            --gateways=LIST   comma list of default,framed,https,http,idle,second,thrift2,
                              thrift2-framed,thrift2-https,thrift2-http,thrift2-second (env HBASE_GATEWAYS; default and 'all':
                              default,framed,https; the others only when named; 'suites':
                              every gateway the test suites use; names and groups combine,
                              e.g. suites,idle)
            --timeout=SEC     readiness bound in seconds (env HBASE_START_TIMEOUT; default 240)
  stop    stop the project's HBase: its recorded processes, any JVM with its folder's marker,
          and an instance of the scripts before they ran on hbase-mapper/testing
  status  show each process; exit 0 all up, 1 partial, 3 nothing running
ports (env): HBASE_ZK_PORT=2181 HBASE_MASTER_PORT=16000 HBASE_REGIONSERVER_PORT=16020
             HBASE_THRIFT_PORT=9090 HBASE_THRIFT_FRAMED_PORT=9091 HBASE_THRIFT_HTTPS_PORT=9443
             HBASE_THRIFT_HTTP_PORT=9080 HBASE_THRIFT_IDLE_PORT=9094 HBASE_THRIFT2_PORT=9092
             HBASE_THRIFT2_FRAMED_PORT=9093 HBASE_THRIFT2_HTTPS_PORT=9444
             HBASE_THRIFT2_HTTP_PORT=9081 HBASE_THRIFT_SECOND_PORT=9095
             HBASE_THRIFT2_SECOND_PORT=9096
heap (env):  HBASE_MASTER_HEAP=1500m HBASE_THRIFT_HEAP=512m
  --secure    start|stop|status the Kerberized instance instead ('stop' without it stops both)
${SECURE_USAGE}`;

const EXIT = { EHBASECONFIG: 2, EHBASEPORT: 4, EHBASEBUSY: 5 };

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const opts = {};
  for (const arg of rest) {
    if (arg === '--secure') {
      opts.secure = true;
      continue;
    }
    const m = arg.match(/^--(gateways|timeout)=(.*)$/);
    if (!m) throw Object.assign(new Error(`unknown option ${arg}`), { code: 'EHBASECONFIG' });
    if (m[1] === 'gateways') opts.gateways = m[2];
    else {
      opts.timeoutSec = Number(m[2]);
      if (!(opts.timeoutSec >= 1 && opts.timeoutSec <= MAX_START_TIMEOUT_SEC))
        throw Object.assign(
          new Error(`--timeout takes seconds, from 1 to ${MAX_START_TIMEOUT_SEC} (e.g. --timeout=240)`),
          { code: 'EHBASECONFIG' },
        );
    }
  }
  return { command, opts };
}

// Wide enough for the longest process name (thrift2-framed, thrift2-https).
const NAME_WIDTH = Math.max('master'.length, ...Object.keys(GATEWAYS).map((n) => n.length));

function printStatus(s) {
  for (const p of s.processes) {
    const where =
      p.name === 'master'
        ? `port ${p.port}${p.running ? (p.initialized ? ', initialized' : ', still initializing') : ''}`
        : `port ${p.port}`;
    const probe =
      p.probeMs === undefined
        ? ''
        : p.failure
          ? `  probe failed: ${p.failure}`
          : `  answering (${p.probeMs} ms)`;
    console.log(
      `${p.name.padEnd(NAME_WIDTH)} ${p.running ? `running  pid ${p.pid}` : 'stopped '}  ${where}${probe}`,
    );
  }
  if (s.orphans.length) console.log(`not in the record (\`stop\` ends them): pids ${s.orphans.join(', ')}`);
  if (!s.processes.length && !s.orphans.length) console.log('HBase is not running.');
  console.log(`state: ${s.state}   logs: ${s.logsDir}`);
}

async function main() {
  const { command, opts } = parseArgs(process.argv.slice(2));
  if (opts.secure) return await secureCommand(command, opts);
  switch (command) {
    case 'start':
      await startHBase(opts);
      return 0;
    case 'stop':
      if (Object.keys(opts).length)
        throw Object.assign(new Error('stop takes no options'), { code: 'EHBASECONFIG' });
      await stopHBase();
      // The Kerberized instance beside it (if one runs in .hbase-secure/) stops too.
      if (await stopSecure()) console.log('secure HBase stopped');
      return 0;
    case 'status': {
      const s = await status();
      printStatus(s);
      return { running: 0, partial: 1, stopped: 3 }[s.state];
    }
    default:
      console.error(USAGE);
      return command === '--help' || command === '-h' ? 0 : 2;
  }
}

/** `start|stop|status --secure`: the Kerberized instance (scripts/hbase/secure.mjs). */
async function secureCommand(command, opts) {
  if (opts.gateways !== undefined)
    throw Object.assign(
      new Error('--gateways is for the plain instance: the secure one reads HBASE_SECURE_GATEWAYS'),
      {
        code: 'EHBASECONFIG',
      },
    );
  if (command === 'start') {
    await startSecure({ timeoutSec: opts.timeoutSec });
    return 0;
  }
  if (command === 'stop') {
    console.log((await stopSecure()) ? 'secure HBase stopped' : 'secure HBase was not running');
    return 0;
  }
  if (command === 'status') return { running: 0, partial: 1, stopped: 3 }[statusSecure()];
  console.error(USAGE);
  return 2;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`hbase: ${err.message}`);
    if (err.code === 'EHBASECONFIG') console.error(USAGE);
    process.exitCode = EXIT[err.code] ?? 1;
  },
);
