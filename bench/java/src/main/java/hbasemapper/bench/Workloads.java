package hbasemapper.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The harness's workloads through HBase's Table API (over ThriftConnection, or over HBase's native
 * RPC with `--api=native`), doing what
 * bench/ts/runner.ts and bench/python/runner.py do (see bench/README.md), with the same warm-up.
 * A ThriftTable owns one gateway socket and is not thread-safe, so the pool hands out tables.
 */
final class Workloads {
  private static final byte[] D = Bytes.toBytes("d");
  private static final byte[][] FOUR_COLUMNS = {
    Bytes.toBytes("c0"), Bytes.toBytes("c1"), Bytes.toBytes("c2"), Bytes.toBytes("c3")
  };
  private static final byte[] C = Bytes.toBytes("c");
  private static final byte[] N = Bytes.toBytes("n");

  private final Connection connection;
  private final RunnerArgs args;
  private final TableName tableName;

  Workloads(Connection connection, RunnerArgs args) {
    this.connection = connection;
    this.args = args;
    this.tableName = TableName.valueOf(args.table);
  }

  Measurement run() throws Exception {
    switch (args.workload) {
      case "put-get":
        return putGet();
      case "pool-get":
        return poolGet();
      case "bulk-load":
        return bulkLoad();
      case "scan-full":
      case "scan-columns":
        return scan();
      case "counters":
        return counters();
      case "bulk-mutator":
        return bulkMutator();
      default:
        throw new IllegalArgumentException("unknown workload " + args.workload);
    }
  }

  /** Sequential put(row, {d:c0}) then get(row), one at a time; an op is one call. */
  private Measurement putGet() throws Exception {
    byte[] value = RunnerArgs.cellValue(0, 0, args.valueSize);
    try (Table table = connection.getTable(tableName)) {
      for (int i = 0; i < args.warmup; i++) putThenGet(table, RunnerArgs.rowKey(args.keyPrefix + "w", i), value);
      return Measurement.timed(args.minSeconds, "ops", p -> {
        for (int i = 0; i < args.n; i++) putThenGet(table, RunnerArgs.rowKey(passPrefix(p), i), value);
        return args.n * 2L;
      }, null);
    }
  }

  private static void putThenGet(Table table, byte[] key, byte[] value) throws IOException {
    table.put(new Put(key).addColumn(D, FOUR_COLUMNS[0], value));
    byte[] back = table.get(new Get(key)).getValue(D, FOUR_COLUMNS[0]);
    if (back == null || back.length != value.length) {
      throw new IllegalStateException("row " + Bytes.toString(key) + " did not come back");
    }
  }

  /** Random gets of the preloaded rows: `concurrency` threads sharing `poolSize` tables. */
  private Measurement poolGet() throws Exception {
    int[] indexes = RunnerArgs.randomIndexes(args.seed, args.warmup + args.n, args.dataRows);
    BlockingQueue<Table> pool = new ArrayBlockingQueue<>(args.poolSize);
    try {
      for (int i = 0; i < args.poolSize; i++) pool.add(connection.getTable(tableName));
      concurrentGets(pool, indexes, 0, args.warmup);
      return Measurement.timed(args.minSeconds, "ops", p -> {
        concurrentGets(pool, indexes, args.warmup, args.warmup + args.n);
        return args.n;
      }, null);
    } finally {
      for (Table table : pool) table.close();
    }
  }

  private void concurrentGets(BlockingQueue<Table> pool, int[] indexes, int from, int to) throws Exception {
    AtomicInteger next = new AtomicInteger(from);
    AtomicInteger found = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] workers = new Thread[args.concurrency];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = new Thread(() -> {
        try {
          for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
            Table table = pool.take();
            Result row;
            try {
              row = table.get(new Get(RunnerArgs.rowKey("r", indexes[i])));
            } finally {
              pool.put(table);
            }
            if (row.containsColumn(D, FOUR_COLUMNS[0])) found.incrementAndGet();
          }
        } catch (Throwable error) {
          failure.compareAndSet(null, error);
          next.set(to); // the other workers stop at their next get
        }
      });
      workers[w].start();
    }
    for (Thread worker : workers) worker.join();
    if (failure.get() != null) throw new IllegalStateException("a get failed", failure.get());
    if (found.get() != to - from) {
      throw new IllegalStateException((to - from - found.get()) + " of " + (to - from) + " rows missing");
    }
  }

  /** rows x 4 cells; a putMultiple each time `batchSize` mutations (cells) are buffered. */
  private Measurement bulkLoad() throws Exception {
    try (Table table = connection.getTable(tableName)) {
      if (args.warmup > 0) load(table, args.keyPrefix + "w", args.n); // one untimed load of the same size
      return Measurement.timed(args.minSeconds, "rows", p -> {
        load(table, passPrefix(p), args.n);
        return args.n;
      }, null);
    }
  }

  private void load(Table table, String prefix, int rows) throws IOException {
    byte[][] values = new byte[4][];
    for (int c = 0; c < 4; c++) values[c] = RunnerArgs.cellValue(0, c, args.valueSize);
    List<Put> buffer = new ArrayList<>();
    int mutations = 0;
    for (int i = 0; i < rows; i++) {
      Put put = new Put(RunnerArgs.rowKey(prefix, i));
      for (int c = 0; c < 4; c++) put.addColumn(D, FOUR_COLUMNS[c], values[c]);
      buffer.add(put);
      mutations += 4;
      if (mutations >= args.batchSize) {
        table.put(buffer);
        buffer = new ArrayList<>();
        mutations = 0;
      }
    }
    if (!buffer.isEmpty()) table.put(buffer);
  }

  /** A scan of the preloaded rows, `batchSize` rows per call (Scan caching); counts rows and cells. */
  private Measurement scan() throws Exception {
    Scan scan = new Scan().setCaching(args.batchSize);
    if (!args.keyPrefix.isEmpty()) scan.setStartStopRowForPrefixScan(Bytes.toBytes(args.keyPrefix));
    for (String column : args.columns) {
      String[] parts = column.split(":", 2);
      scan.addColumn(Bytes.toBytes(parts[0]), Bytes.toBytes(parts[1]));
    }
    try (Table table = connection.getTable(tableName)) {
      // One untimed pass over the same rows (the first `warmup` of them).
      if (args.warmup > 0) count(table, args.warmup < args.n ? new Scan(scan).setLimit(args.warmup) : scan);
      long[] cells = {0};
      return Measurement.timed(args.minSeconds, "rows", p -> {
        long[] counted = count(table, scan);
        if (counted[0] != args.n) {
          throw new IllegalStateException("scanned " + counted[0] + " rows, expected " + args.n);
        }
        cells[0] += counted[1];
        return counted[0];
      }, () -> Map.of("cells", cells[0]));
    }
  }

  private static long[] count(Table table, Scan scan) throws IOException {
    long rows = 0;
    long cells = 0;
    try (ResultScanner scanner = table.getScanner(new Scan(scan))) {
      for (Result result : scanner) {
        rows++;
        cells += result.size();
      }
    }
    return new long[] {rows, cells};
  }

  /** Sequential increments of one counter cell. */
  private Measurement counters() throws Exception {
    try (Table table = connection.getTable(tableName)) {
      byte[] warmKey = Bytes.toBytes(args.keyPrefix + "w");
      for (int i = 0; i < args.warmup; i++) table.incrementColumnValue(warmKey, C, N, 1);
      byte[] key = Bytes.toBytes(args.keyPrefix);
      return Measurement.timed(args.minSeconds, "ops", p -> {
        long last = 0;
        for (int i = 0; i < args.n; i++) last = table.incrementColumnValue(key, C, N, 1);
        long expected = (long) args.n * (p + 1);
        if (last != expected) throw new IllegalStateException("counter is " + last + ", expected " + expected);
        return args.n;
      }, null);
    }
  }

  /**
   * rows x 4 cells through a BufferedMutator, HBase's own bulk-write path (with the native
   * connection it groups the buffered puts by region server and sends them in parallel); flushed
   * at the end of each pass, so a pass's rows are all written when it is timed as done.
   */
  private Measurement bulkMutator() throws Exception {
    try (BufferedMutator mutator = connection.getBufferedMutator(tableName)) {
      if (args.warmup > 0) mutate(mutator, args.keyPrefix + "w", Math.min(args.warmup, args.n));
      return Measurement.timed(args.minSeconds, "rows", p -> {
        mutate(mutator, passPrefix(p), args.n);
        return args.n;
      }, null);
    }
  }

  private void mutate(BufferedMutator mutator, String prefix, int rows) throws IOException {
    byte[][] values = new byte[4][];
    for (int c = 0; c < 4; c++) values[c] = RunnerArgs.cellValue(0, c, args.valueSize);
    for (int i = 0; i < rows; i++) {
      Put put = new Put(RunnerArgs.rowKey(prefix, i));
      for (int c = 0; c < 4; c++) put.addColumn(D, FOUR_COLUMNS[c], values[c]);
      mutator.mutate(put);
    }
    mutator.flush();
  }

  /** Keys of pass `p` of a writing workload (one pass without --min-seconds: the plain prefix). */
  private String passPrefix(int p) {
    return args.minSeconds > 0 ? args.keyPrefix + "p" + p + "_" : args.keyPrefix;
  }
}
