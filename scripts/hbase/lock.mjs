// A start and a stop running at once would fight over pid files and data. The lock file makes the
// second caller wait (bounded) for the first, then carry on: a second start then finds HBase running.
// A lock left by a dead process is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function holderAlive(pid) {
  if (!(pid > 0) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Resolves to a release function; rejects with code EHBASEBUSY after waitMs. */
export async function acquireLock(cfg, { waitMs = 0, log = () => {} } = {}) {
  mkdirSync(cfg.dirs.run, { recursive: true });
  const file = join(cfg.dirs.run, 'lock');
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    let holder = 0;
    try {
      holder = Number(readFileSync(file, 'utf8').trim());
    } catch {
      /* removed meanwhile */
    }
    if (holder && !holderAlive(holder)) {
      rmSync(file, { force: true });
      continue;
    } // stale
    if (Date.now() >= deadline) {
      throw Object.assign(new Error(`another hbase start/stop (pid ${holder}) still holds ${file}`), {
        code: 'EHBASEBUSY',
      });
    }
    if (!told) {
      log(`waiting for another hbase start/stop (pid ${holder}) to finish...`);
      told = true;
    }
    await sleep(250);
  }
}
