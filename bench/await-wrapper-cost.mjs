// The CPU cost of awaiting a call's promise through withCallerOnFailure (what Connection.call hands
// out, for the caller's frames in error stacks) instead of directly: no gateway, just the promise
// machinery, so the difference is not lost in a shared machine's noise. Run after `npm run build`:
//   node bench/await-wrapper-cost.mjs
import { createRequire } from 'node:module';

const { withCallerOnFailure } = createRequire(import.meta.url)('../dist/cjs/client/caller-stack.js');

/** A promise settled later, as a reply settles a call's. */
function transportCall() {
  let resolve;
  const promise = new Promise((r) => {
    resolve = r;
  });
  queueMicrotask(() => resolve(1));
  return promise;
}
const variants = {
  direct: () => transportCall(),
  wrapped: () => withCallerOnFailure(transportCall()),
};
/** What Table.row does with the promise: await it in an async method. */
async function libraryMethod(call) {
  return await call();
}
async function loop(call, n) {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += await libraryMethod(call);
  return sum;
}

const N = 300_000;
const ROUNDS = 7;
for (const call of Object.values(variants)) await loop(call, N); // warm-up
const ns = { direct: [], wrapped: [] };
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? ['direct', 'wrapped'] : ['wrapped', 'direct'];
  for (const name of order) {
    const start = process.cpuUsage();
    await loop(variants[name], N);
    const used = process.cpuUsage(start);
    ns[name].push(((used.user + used.system) / N) * 1000);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `CPU per call: direct ${median(ns.direct).toFixed(0)} ns, through withCallerOnFailure ` +
    `${median(ns.wrapped).toFixed(0)} ns, difference ${(median(ns.wrapped) - median(ns.direct)).toFixed(0)} ns`,
);
