// The scale benchmark's summary (bench/scale.mjs): per entry, throughput, the ratios to our
// reference entry, and where the CPU went (client, gateway, HBase's JVM, every other process).

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median µs per row of `pick(sample)` seconds, or undefined when a sample lacks it. */
function perRow(samples, pick) {
  const values = samples.map(pick);
  if (values.some((v) => v === undefined || Number.isNaN(v))) return undefined;
  return median(values.map((v, i) => (v / samples[i].ops) * 1e6));
}

/** The CPU the rest of the machine used: busy time of every process minus the three measured. */
const others = (s) => {
  const c = s.processCpu;
  if (c?.machine === undefined) return undefined;
  return c.machine - (c.client ?? 0) - (c.gateway ?? 0) - (c.hbase ?? 0);
};

/** Which group an entry is compared with: the parallel scan with the single scanner, and so on. */
const COMPARED_WITH = { 'parallel-full-scan': 'full-scan', 'bulk-writer-load': 'load' };

export function summarizeScale(samples, entries) {
  const rows = [];
  for (const entry of entries) {
    const mine = samples.filter((s) => s.label === entry.label);
    if (mine.length === 0) continue;
    const rates = mine.map((s) => s.ops / s.seconds);
    const rate = median(rates);
    rows.push({
      group: entry.group,
      label: entry.label,
      reference: entry.reference === true,
      samples: mine.length,
      rate,
      spread: (Math.max(...rates) - Math.min(...rates)) / 2 / rate,
      seconds: [Math.min(...mine.map((s) => s.seconds)), Math.max(...mine.map((s) => s.seconds))],
      clientCpu: perRow(mine, (s) => s.cpuUserSeconds + s.cpuSystemSeconds),
      gatewayCpu: perRow(mine, (s) => s.processCpu?.gateway),
      hbaseCpu: perRow(mine, (s) => s.processCpu?.hbase),
      otherCpu: perRow(mine, others),
    });
  }
  for (const row of rows) {
    const group = COMPARED_WITH[row.group] ?? row.group;
    const ref = rows.find((r) => r.group === group && r.reference);
    if (!ref || ref === row) continue;
    row.oursOverThis = ref.rate / row.rate;
    if (ref.clientCpu !== undefined && row.clientCpu) row.cpuOursOverThis = ref.clientCpu / row.clientCpu;
  }
  return rows;
}

const fmt = (v, digits = 2) => (v === undefined ? '–' : v.toFixed(digits));

export function scaleMarkdown(summary, meta) {
  const o = meta.options;
  const f = meta.fixture;
  const lines = [
    `# Scale benchmark (${meta.startedAt})`,
    '',
    `Table \`${f.table}\`: ${o.rows.toLocaleString('en-US')} rows × 4 cells of ${o.valueSize} B, ` +
      `${f.regions ?? '?'} regions (pre-split), ` +
      (f.reused ? 'reused from an earlier run' : `loaded by this run in ${fmt(f.loadSeconds, 1)} s`) +
      `. Loads: ${o.loadRows.toLocaleString('en-US')} rows into a fresh table of ${o.regions} regions per sample. ` +
      `${o.rounds} rounds; medians, ± half the min–max range. Scans repeat until ${o.minSeconds} s have ` +
      'passed; loads are one timed load sized to take about 2 s or more (see "s").',
    '',
    `Machine: ${meta.machine.cpu} (${meta.machine.cores} cores), ${meta.machine.memoryGb} GB, ${meta.machine.os}; ` +
      `load average at start ${meta.machine.loadAverage.join(' ')}. hbase-mapper ${meta.versions.hbaseMapper} on ` +
      `${meta.versions.node}` +
      (meta.versions.happybase ? `, happybase ${meta.versions.happybase}` : '') +
      (meta.versions.java ? `, Java clients hbase-client 2.6.1 on ${meta.versions.java}` : '') +
      `. HBase's heap ${meta.hbaseHeap ?? 'unknown'} (its block cache: 40% of it); the table's block cache ` +
      `${f.blockCache ? 'on' : 'off'}; the table is flushed to store files and read once in full before the first sample.`,
    '',
    '"ours ÷ this": our reference row (marked ★) ÷ this row, on throughput (> 1: ours is faster) and on ' +
      'client CPU per row (< 1: ours uses less). CPU columns are µs per row during the timed part, ' +
      'from /proc: the client process, the gateway it used, HBase (one JVM: master, region server, ' +
      'ZooKeeper), and every other process of the machine (other work sharing it).',
    '',
    '| group | client | rows/s | ours ÷ this | client CPU µs/row | CPU ours ÷ this | gateway µs/row | HBase µs/row | others µs/row | s |',
    '| ----- | ------ | -----: | ----------: | ----------------: | --------------: | -------------: | -----------: | ------------: | -: |',
  ];
  for (const r of summary) {
    const ratioName =
      r.group in COMPARED_WITH
        ? `${fmt(r.oursOverThis)} (this ÷ ours ${fmt(1 / r.oursOverThis)})`
        : fmt(r.oursOverThis);
    lines.push(
      `| ${r.group} | ${r.label}${r.reference ? ' ★' : ''} | ${Math.round(r.rate).toLocaleString('en-US')} ±${Math.round(r.spread * 100)}% | ` +
        `${r.reference ? '–' : ratioName} | ${fmt(r.clientCpu)} | ${r.reference ? '–' : fmt(r.cpuOursOverThis)} | ` +
        `${fmt(r.gatewayCpu)} | ${fmt(r.hbaseCpu)} | ${fmt(r.otherCpu)} | ${fmt(r.seconds[0], 1)}–${fmt(r.seconds[1], 1)} |`,
    );
  }
  const missing = Object.entries(meta.unavailable);
  if (missing.length > 0) {
    lines.push('', 'Not run:', '');
    for (const [label, why] of missing) lines.push(`- ${label}: ${why}`);
  }
  if (meta.failures.length > 0) {
    lines.push('', '### Failed runs', '');
    for (const s of meta.failures) lines.push(`- ${s.group} / ${s.label}: ${s.error}`);
  }
  return lines.join('\n');
}
