#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (from `npm run bench -- --profile=true`, or `node --cpu-prof`):
// the functions with the most self time, and the most inclusive time, grouped by file.
// Usage: node bench/lib/profile-summary.mjs FILE.cpuprofile [--top=25] [--filter=substring]
import { readFileSync } from 'node:fs';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/lib/profile-summary.mjs FILE.cpuprofile [--top=25] [--filter=text]');
  process.exit(2);
}
const flag = (name, fallback) => rest.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const top = Number(flag('top', 25));
const filter = flag('filter', '');

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the sample timeline.
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

const shortUrl = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'node_modules/')
    .replace(/.*\/dist\/cjs\//, 'dist/cjs/')
    .replace(/.*\/\.build\/bench\//, 'bench/');
const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : '(native)';
  return `${f.functionName || '(anonymous)'}  ${where}`;
};

const selfBy = new Map();
const inclusiveBy = new Map();
for (const [id, t] of self) {
  const key = label(nodes.get(id));
  selfBy.set(key, (selfBy.get(key) ?? 0) + t);
  // Inclusive: charge every distinct frame on the stack once.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = label(nodes.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    inclusiveBy.set(k, (inclusiveBy.get(k) ?? 0) + t);
  }
}

const byFile = new Map();
for (const [key, t] of selfBy) {
  const fileKey = key.split('  ')[1]?.replace(/:\d+$/, '') ?? key;
  byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + t);
}

const pct = (t) => `${((t / total) * 100).toFixed(1).padStart(5)}%`;
const print = (title, map) => {
  console.log(`\n${title}`);
  [...map]
    .filter(([k]) => k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .forEach(([k, t]) => {
      console.log(`${pct(t)}  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
    });
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
print('self time by file', byFile);
print('self time by function', selfBy);
print('inclusive time by function', inclusiveBy);
