package hbasemapper.bench;

import java.lang.management.ManagementFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.thrift2.client.ThriftConnection;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * bench/call-floor.mjs's Java entry: sequential puts, or sequential gets, one call at a time with
 * HBase's Thrift2 client, timed apart (bench/run.mjs's put-get times them together). Prints one
 * JSON line: µs per call and the process's CPU µs per call. Usage:
 * java -cp CLASSPATH hbasemapper.bench.CallFloor <port> <table> <put|get> <calls> <warmup> <value size>
 */
public final class CallFloor {
  private CallFloor() {}

  public static void main(String[] argv) throws Exception {
    int port = Integer.parseInt(argv[0]);
    String table = argv[1];
    boolean puts = argv[2].equals("put");
    int calls = Integer.parseInt(argv[3]);
    int warmup = Integer.parseInt(argv[4]);
    byte[] value = new byte[Integer.parseInt(argv[5])];
    byte[] family = Bytes.toBytes("d");
    byte[] qualifier = Bytes.toBytes("c0");
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.client.connection.impl", ThriftConnection.class.getName());
    conf.set("hbase.thrift.server.name", "localhost");
    conf.setInt("hbase.thrift.server.port", port);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (Connection connection = ConnectionFactory.createConnection(conf);
        Table t = connection.getTable(TableName.valueOf(table))) {
      for (int i = 0; i < warmup; i++) call(t, puts, i, family, qualifier, value);
      long cpu = os.getProcessCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) call(t, puts, i, family, qualifier, value);
      double micros = (System.nanoTime() - start) / 1e3 / calls;
      double cpuMicros = (os.getProcessCpuTime() - cpu) / 1e3 / calls;
      System.out.printf("{\"us\":%.1f,\"cpuUs\":%.1f}%n", micros, cpuMicros);
    }
  }

  private static void call(Table t, boolean puts, int i, byte[] family, byte[] qualifier, byte[] value)
      throws java.io.IOException {
    byte[] key = Bytes.toBytes(String.format("k%08d", i % 1000));
    if (puts) t.put(new Put(key).addColumn(family, qualifier, value));
    else if (t.get(new Get(key)).isEmpty()) throw new IllegalStateException("row missing");
  }
}
