// The CPU time of HBase's own processes on this machine, read from /proc, so that a run can say
// where the CPU of a workload went: the gateway it used, the HBase JVM (the local instance is
// standalone: master, region server and ZooKeeper in one process) and the client. Read-only: the
// processes are found by their command line and only their /proc/<pid>/stat is read.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks on every common platform. */
const TICKS_PER_SECOND = 100;

/**
 * HBase's processes: `{ hbase: pid | undefined, gateways: Map<port, pid> }` (the gateways by the
 * `-p <port>` of their command line). Empty without /proc.
 */
export function findServers() {
  const found = { hbase: undefined, hbaseHeap: undefined, gateways: new Map() };
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const pid of pids) {
    let cmdline;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
    } catch {
      continue; // gone, or not ours to read
    }
    if (cmdline.includes('org.apache.hadoop.hbase.master.HMaster')) {
      found.hbase = Number(pid);
      // Its heap bounds the block cache (40% of it by default): whether a scanned table fits.
      found.hbaseHeap = cmdline.find((arg) => arg.startsWith('-Xmx'))?.slice(4);
    }
    const thrift = cmdline.findIndex((arg) =>
      /^org\.apache\.hadoop\.hbase\.thrift2?\.ThriftServer$/.test(arg),
    );
    if (thrift >= 0) {
      const p = cmdline.indexOf('-p', thrift);
      if (p > 0) found.gateways.set(Number(cmdline[p + 1]), Number(pid));
    }
  }
  return found;
}

/** User + system CPU seconds of a process so far (every thread), or undefined when it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // Fields after the command name (which may hold spaces and parentheses): utime is the 14th
    // field of the line, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds the whole machine has been busy (every core, every process: user, nice, system,
 * irq, softirq, steal), from the first line of /proc/stat; undefined without it.
 */
export function machineBusySeconds() {
  try {
    const line = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0];
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq + (steal ?? 0)) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * A snapshot of several processes' CPU seconds: `{ name: seconds }` for `{ name: pid }`, plus
 * `machine`: what every process on the machine used (so that the others' share shows).
 */
export function snapshot(pids) {
  const out = { machine: machineBusySeconds() };
  for (const [name, pid] of Object.entries(pids)) if (pid !== undefined) out[name] = cpuSeconds(pid);
  return out;
}

/** CPU seconds each process used between two snapshots. */
export function difference(before, after) {
  const out = {};
  for (const name of Object.keys(before)) {
    if (before[name] !== undefined && after[name] !== undefined) out[name] = after[name] - before[name];
  }
  return out;
}
