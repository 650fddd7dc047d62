// Turns the runners' samples into medians, spreads and ratios, and the Markdown table.

export const OURS = 'hbase-mapper';
/** The Thrift1 peers, run by bench/python/runner.py. */
export const PYTHON_PEERS = ['happybase', 'aiohappybase'];
/** HBase's own Thrift2 client (bench/java), only when asked for with --peers (lib/java-peer.mjs). */
export const JAVA_PEER = 'java-thrift2';
/** HBase's own Java client over its native RPC (no gateway): the physical anchor. */
export const JAVA_NATIVE = 'java-native';
export const JAVA_PEERS = [JAVA_PEER, JAVA_NATIVE];
export const PEERS = [...PYTHON_PEERS, ...JAVA_PEERS];
/**
 * The Thrift2 gateways our client runs on, each with the Thrift1 gateway of the same transport and
 * protocol that its figures are compared with.
 */
export const THRIFT1_TWIN = { thrift2: 'default', 'thrift2-framed': 'framed' };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median CPU µs per operation of a watched process (`processCpu[name]`), when every sample has it. */
function serverCpu(samples, name) {
  const values = samples.map((s) => s.processCpu?.[name]);
  if (values.some((v) => v === undefined)) return undefined;
  return median(values.map((v, i) => (v / samples[i].ops) * 1e6));
}

/** One contestant's samples of one workload on one gateway, summarized. */
function summarize(samples) {
  const rates = samples.map((s) => s.ops / s.seconds);
  const cpu = samples.map((s) => ((s.cpuUserSeconds + s.cpuSystemSeconds) / s.ops) * 1e6);
  const rate = median(rates);
  return {
    samples: samples.length,
    unit: samples[0].unit,
    rate,
    rateMin: Math.min(...rates),
    rateMax: Math.max(...rates),
    /** Half the range, relative to the median. */
    spread: rate > 0 ? (Math.max(...rates) - Math.min(...rates)) / 2 / rate : 0,
    cpuMicrosPerOp: median(cpu),
    /** Length of the timed parts (each >= --min-seconds). */
    secondsMin: Math.min(...samples.map((s) => s.seconds)),
    secondsMax: Math.max(...samples.map((s) => s.seconds)),
    /** CPU µs per operation of the gateway and of HBase's JVM during the timed parts (from /proc). */
    gatewayCpuMicrosPerOp: serverCpu(samples, 'gateway'),
    hbaseCpuMicrosPerOp: serverCpu(samples, 'hbase'),
    peakRssMb: median(samples.map((s) => s.peakRssKb / 1024)),
  };
}

/**
 * Groups samples by workload, gateway and contestant. `contestant` is the library, or for the
 * mapper workloads the variant (`raw`, `repository`).
 */
export function summarizeAll(samples) {
  const groups = new Map();
  for (const sample of samples) {
    if (sample.error) continue;
    const key = `${sample.workload}\u0000${sample.gateway}`;
    if (!groups.has(key)) groups.set(key, { workload: sample.workload, gateway: sample.gateway, by: {} });
    const group = groups.get(key);
    group.by[sample.contestant] ??= [];
    group.by[sample.contestant].push(sample);
  }
  const rows = [];
  for (const group of groups.values()) {
    const stats = Object.fromEntries(Object.entries(group.by).map(([name, list]) => [name, summarize(list)]));
    const ratios = {};
    const cpuRatios = {};
    if (stats[OURS]) {
      for (const peer of PEERS) {
        if (!stats[peer]) continue;
        ratios[peer] = stats[OURS].rate / stats[peer].rate;
        cpuRatios[peer] = stats[OURS].cpuMicrosPerOp / stats[peer].cpuMicrosPerOp;
      }
    }
    if (stats.raw && stats.repository) ratios.repositoryVsRaw = stats.repository.rate / stats.raw.rate;
    rows.push({ workload: group.workload, gateway: group.gateway, stats, ratios, cpuRatios });
  }
  // Our Thrift2 path against our Thrift1 path (the Thrift1 gateway of the same transport and
  // protocol) of the same run: `ratios.thrift1` on the Thrift2 rows.
  for (const row of rows) {
    const twin = THRIFT1_TWIN[row.gateway];
    if (twin === undefined || !row.stats[OURS]) continue;
    const thrift1 = rows.find((r) => r.workload === row.workload && r.gateway === twin);
    if (thrift1?.stats[OURS]) row.ratios.thrift1 = row.stats[OURS].rate / thrift1.stats[OURS].rate;
  }
  return rows;
}

/** A Markdown table with padded columns (as Biome formats Markdown). `align`: 'l' or 'r' per column. */
function table(headers, align, rows) {
  const width = (text) => [...text].length;
  const widths = headers.map((h, c) => Math.max(3, width(h), ...rows.map((r) => width(r[c]))));
  const pad = (text, c) =>
    align[c] === 'r'
      ? text.padStart(widths[c] + text.length - width(text))
      : text.padEnd(widths[c] + text.length - width(text));
  const line = (cells) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = widths.map((w, c) => (align[c] === 'r' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w)));
  return [line(headers), `| ${rule.join(' | ')} |`, ...rows.map(line)];
}

const fmtRate = (s) =>
  s ? `${Math.round(s.rate).toLocaleString('en-US')} ±${Math.round(s.spread * 100)}%` : '–';
const fmtRatio = (r) => (r === undefined ? '–' : `**${r.toFixed(2)}×**`);
const fmtList = (values, digits) =>
  values.map((v) => (v === undefined ? '–' : v.toFixed(digits))).join(' / ');

/**
 * Our Thrift2 path side by side with our Thrift1 path and with HBase's Java Thrift2 client, when
 * the run has hbase-mapper on the thrift2 gateway (`--gateways=default,thrift2`): none otherwise.
 */
function thrift2Table(summary) {
  const rows = summary
    .filter((r) => THRIFT1_TWIN[r.gateway] !== undefined && r.stats[OURS])
    .map((r) => {
      const twin = THRIFT1_TWIN[r.gateway];
      const twinRow = summary.find((t) => t.workload === r.workload && t.gateway === twin);
      const thrift1 = twinRow?.stats[OURS];
      // The native client uses no gateway: its figures are on the default gateway's row.
      const native = summary.find((t) => t.workload === r.workload && t.gateway === 'default')?.stats[
        JAVA_NATIVE
      ];
      const all = [thrift1, r.stats[OURS], r.stats[JAVA_PEER], native];
      return [
        r.workload,
        `${r.gateway} / ${twin}`,
        all.find(Boolean)?.unit ?? 'ops',
        ...all.map(fmtRate),
        fmtRatio(r.ratios.thrift1),
        fmtRatio(r.ratios[JAVA_PEER]),
        fmtRatio(native && r.stats[OURS] ? r.stats[OURS].rate / native.rate : undefined),
        fmtList(
          all.map((x) => x?.cpuMicrosPerOp),
          1,
        ),
      ];
    });
  if (rows.length === 0) return [];
  return [
    "### hbase-mapper on Thrift2 vs its Thrift1 path (same transport and protocol) and HBase's Java Thrift2 client",
    '',
    ...table(
      [
        'workload',
        'gateways (T2 / T1)',
        'unit/s',
        'ours Thrift1',
        'ours Thrift2',
        JAVA_PEER,
        JAVA_NATIVE,
        'Thrift2 ÷ Thrift1',
        `Thrift2 ÷ ${JAVA_PEER}`,
        `Thrift2 ÷ ${JAVA_NATIVE}`,
        'CPU µs/op (T1 / T2 / java-t2 / java-native)',
      ],
      ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      rows,
    ),
    '',
  ];
}

/** The range of the samples' lengths, e.g. `2.0–3.4`. */
function sampleSeconds(summary) {
  const all = summary.flatMap((r) => Object.values(r.stats));
  if (all.length === 0) return '–';
  const low = Math.min(...all.map((s) => s.secondsMin));
  const high = Math.max(...all.map((s) => s.secondsMax));
  return `${low.toFixed(1)}–${high.toFixed(1)}`;
}

/** The Markdown report: the comparison with the peers, then the mapper overhead. */
export function markdown(summary, meta) {
  const lines = [];
  lines.push(`# Benchmark results (${meta.startedAt})`, '');
  lines.push(
    `Scale \`${meta.options.scale}\`, ${meta.options.rounds} rounds; medians of the rounds, ` +
      '± half the min–max range. Ratios are hbase-mapper ÷ peer on throughput (> 1: we are faster); ' +
      '"CPU ÷" is hbase-mapper\'s client CPU per operation ÷ the peer\'s (< 1: we use less). ' +
      `Every timed part repeats its workload until ${meta.options.minSeconds} s have passed ` +
      `(samples ${sampleSeconds(summary)} s long).`,
    '',
    `Machine: ${meta.machine.cpu} (${meta.machine.cores} cores), ${meta.machine.memoryGb} GB, ` +
      `${meta.machine.os}; load average at start ${meta.machine.loadAverage.join(' ')}. ` +
      `hbase-mapper ${meta.versions.hbaseMapper} on ${meta.versions.node}` +
      (meta.versions.python
        ? `, Python ${meta.versions.python} with happybase ${meta.versions.happybase}, ` +
          `aiohappybase ${meta.versions.aiohappybase}, thriftpy2 ${meta.versions.thriftpy2}`
        : '') +
      (meta.versions.java
        ? `, ${JAVA_PEERS.join(' / ')}: HBase's ThriftConnection / native client (hbase-client 2.6.1) on ${meta.versions.java}`
        : '') +
      '.',
    '',
  );
  const sizes = meta.options;
  lines.push(
    `Sizes: put-get ${sizes.putGet} pairs, pool-get ${sizes.poolGet} gets (pool of ${sizes.poolSize}, ` +
      `${sizes.concurrency} in flight), bulk-load ${sizes.bulkRows} rows × 4 cells (batch ${sizes.batchSize}), ` +
      `scans of ${sizes.dataRows} rows × 4 cells of ${sizes.valueSize} B, counters ${sizes.counters}, ` +
      `mapper ${sizes.mapperOps} ops / ${sizes.mapperRows} rows, warm-up ${sizes.warmup}.`,
    '',
  );
  const peerRows = summary.filter((r) => !r.workload.startsWith('mapper-'));
  if (peerRows.length > 0) {
    // The Java peer's columns appear only in runs that have it, so the usual report keeps its shape;
    // a run of hbase-mapper and the Java peer alone shows no empty Python columns.
    const has = (peer) => peerRows.some((r) => r.stats[peer]);
    const javas = JAVA_PEERS.filter(has);
    const peers = [...(javas.length > 0 && !PYTHON_PEERS.some(has) ? [] : PYTHON_PEERS), ...javas];
    const short = { happybase: 'hb', aiohappybase: 'aio', [JAVA_PEER]: 'java-t2', [JAVA_NATIVE]: 'native' };
    const rows = peerRows.map((r) => {
      const s = r.stats;
      const all = [s[OURS], ...peers.map((p) => s[p])];
      return [
        r.workload,
        r.gateway,
        all.find(Boolean)?.unit ?? 'ops',
        ...all.map(fmtRate),
        ...peers.map((p) => fmtRatio(r.ratios[p])),
        fmtList(
          all.map((x) => x?.cpuMicrosPerOp),
          1,
        ),
        fmtList(
          peers.map((p) => r.cpuRatios?.[p]),
          2,
        ),
        fmtList(
          all.map((x) => x?.peakRssMb),
          0,
        ),
      ];
    });
    const names = ['ours', ...peers.map((p) => short[p])].join(' / ');
    const peerNames = peers.map((p) => short[p]).join(' / ');
    lines.push(
      ...table(
        [
          'workload',
          'gateway',
          'unit/s',
          OURS,
          ...peers,
          ...peers.map((p) => `vs ${p}`),
          `CPU µs/op (${names})`,
          `CPU ÷ (${peerNames})`,
          `peak RSS MB (${names})`,
        ],
        ['l', 'l', 'l', ...[OURS, ...peers, ...peers].map(() => 'r'), 'r', 'r', 'r'],
        rows,
      ),
      '',
    );
  }
  lines.push(...thrift2Table(summary));
  const mapperRows = summary.filter((r) => r.workload.startsWith('mapper-'));
  if (mapperRows.length > 0) {
    const rows = mapperRows.map((r) => {
      const { raw, repository } = r.stats;
      return [
        r.workload,
        r.gateway,
        (raw ?? repository).unit,
        fmtRate(raw),
        fmtRate(repository),
        fmtRatio(r.ratios.repositoryVsRaw),
        fmtList([raw?.cpuMicrosPerOp, repository?.cpuMicrosPerOp], 1),
      ];
    });
    lines.push(
      '### Mapper overhead (hbase-mapper only)',
      '',
      ...table(
        [
          'workload',
          'gateway',
          'unit/s',
          'raw client',
          'repository',
          'repository ÷ raw',
          'CPU µs/op (raw / repository)',
        ],
        ['l', 'l', 'l', 'r', 'r', 'r', 'r'],
        rows,
      ),
      '',
    );
  }
  if (meta.failures.length > 0) {
    lines.push('### Failed runs', '');
    for (const f of meta.failures) lines.push(`- ${f.workload} / ${f.gateway} / ${f.contestant}: ${f.error}`);
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
