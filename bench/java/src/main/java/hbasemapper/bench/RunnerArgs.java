package hbasemapper.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The runner's command line, the same `--name=value` pairs as bench/ts/cli.ts and
 * bench/python/runner.py, and the keys, values and random sequence every runner shares.
 */
final class RunnerArgs {
  final String workload;
  final String host;
  final int port;
  final String transport;
  final String protocol;
  final String table;
  final int n;
  final int warmup;
  final int concurrency;
  final int poolSize;
  final int batchSize;
  final int valueSize;
  final String keyPrefix;
  final int dataRows;
  final String[] columns;
  final int seed;
  /** The timed part repeats its pass until this many seconds have passed (0: one pass). */
  final double minSeconds;
  /** `thrift2` (ThriftConnection on the gateway) or `native` (HBase's RPC, found through ZooKeeper). */
  final String api;
  /** ZooKeeper of the local HBase, for `--api=native`. */
  final String zkQuorum;
  final int zkPort;

  private RunnerArgs(Map<String, String> raw) {
    workload = string(raw, "workload", null);
    host = string(raw, "host", "localhost");
    port = integer(raw, "port", 9092);
    transport = string(raw, "transport", "buffered");
    protocol = string(raw, "protocol", "binary");
    table = string(raw, "table", "");
    n = integer(raw, "n", null);
    warmup = integer(raw, "warmup", 0);
    concurrency = integer(raw, "concurrency", 64);
    poolSize = integer(raw, "pool-size", 8);
    batchSize = integer(raw, "batch-size", 1000);
    valueSize = integer(raw, "value-size", 100);
    keyPrefix = string(raw, "key-prefix", "k");
    dataRows = integer(raw, "data-rows", 0);
    String list = string(raw, "columns", "");
    columns = list.isEmpty() ? new String[0] : list.split(",");
    seed = integer(raw, "seed", 1);
    minSeconds = Double.parseDouble(string(raw, "min-seconds", "0"));
    api = string(raw, "api", "thrift2");
    zkQuorum = string(raw, "zk-quorum", "127.0.0.1");
    zkPort = integer(raw, "zk-port", 2181);
    if (!api.equals("thrift2") && !api.equals("native")) throw new IllegalArgumentException("--api: thrift2|native");
    if (!transport.equals("buffered") && !transport.equals("framed")) {
      throw new IllegalArgumentException("--transport: buffered|framed (HTTP is not measured)");
    }
    if (!protocol.equals("binary") && !protocol.equals("compact")) {
      throw new IllegalArgumentException("--protocol: binary|compact");
    }
  }

  static RunnerArgs parse(String[] argv) {
    Map<String, String> raw = new HashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("bad argument " + arg + ": expected --name=value");
      }
      raw.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return new RunnerArgs(raw);
  }

  private static String string(Map<String, String> raw, String name, String fallback) {
    String value = raw.getOrDefault(name, fallback);
    if (value == null) throw new IllegalArgumentException("missing --" + name);
    return value;
  }

  private static int integer(Map<String, String> raw, String name, Integer fallback) {
    String value = string(raw, name, fallback == null ? null : String.valueOf(fallback));
    int parsed = Integer.parseInt(value);
    if (parsed < 0) throw new IllegalArgumentException("--" + name + " must be an integer >= 0");
    return parsed;
  }

  /** Row key `<prefix><i, 8 digits>`, the same in every runner. */
  static byte[] rowKey(String prefix, int i) {
    String digits = Integer.toString(i);
    StringBuilder key = new StringBuilder(prefix.length() + 8).append(prefix);
    for (int pad = digits.length(); pad < 8; pad++) key.append('0');
    return key.append(digits).toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The key sequence of the random-read workloads: xorshift32, the same in every runner. */
  static int[] randomIndexes(int seed, int count, int below) {
    int[] out = new int[count];
    int x = seed == 0 ? 1 : seed;
    for (int i = 0; i < count; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = (int) (Integer.toUnsignedLong(x) % below);
    }
    return out;
  }

  /** A value of `size` bytes that varies with the row, the same in every runner. */
  static byte[] cellValue(int i, int column, int size) {
    byte[] value = new byte[size];
    Arrays.fill(value, (byte) 'x');
    byte[] head = (i + ":" + column + ":").getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(head, 0, value, 0, Math.min(head.length, size));
    return value;
  }
}
