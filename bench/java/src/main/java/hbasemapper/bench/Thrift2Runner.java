package hbasemapper.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.thrift2.client.ThriftConnection;
import org.apache.hadoop.hbase.util.VersionInfo;

/**
 * One benchmark workload with HBase's own Java client over the Thrift2 gateway (`--api=thrift2`,
 * the default: the `java-thrift2` peer) or over HBase's native RPC (`--api=native`, the
 * `java-native` peer: the client finds the region servers through ZooKeeper and talks to them
 * directly, no gateway), in its own JVM.
 * Same command line and JSON line as the other runners, so bench/run.mjs treats it alike. Usage:
 * java -cp CLASSPATH hbasemapper.bench.Thrift2Runner --workload=put-get --table=t --n=100 --port=9092
 */
public final class Thrift2Runner {
  private Thrift2Runner() {}

  public static void main(String[] argv) throws Exception {
    RunnerArgs args = RunnerArgs.parse(argv);
    Configuration conf = HBaseConfiguration.create();
    boolean nativeRpc = args.api.equals("native");
    if (nativeRpc) {
      conf.set("hbase.zookeeper.quorum", args.zkQuorum);
      conf.setInt("hbase.zookeeper.property.clientPort", args.zkPort);
    } else {
      // The documented way to get the Thrift2 client: a Connection implementation chosen by config.
      conf.set("hbase.client.connection.impl", ThriftConnection.class.getName());
      conf.set("hbase.thrift.server.name", args.host);
      conf.setInt("hbase.thrift.server.port", args.port);
      conf.setBoolean("hbase.regionserver.thrift.framed", args.transport.equals("framed"));
      conf.setBoolean("hbase.regionserver.thrift.compact", args.protocol.equals("compact"));
    }
    conf.setInt("hbase.client.operation.timeout", 120_000);
    Measurement measurement;
    try (Connection connection = ConnectionFactory.createConnection(conf)) {
      measurement = new Workloads(connection, args).run();
    }
    String runtime = nativeRpc
        ? "java " + System.getProperty("java.version") + ", hbase-client " + VersionInfo.getVersion() + " (native RPC)"
        : "java " + System.getProperty("java.version") + ", hbase-thrift "
            + ThriftConnection.class.getPackage().getImplementationVersion() + " client (hbase-client " + VersionInfo.getVersion() + ")";
    System.out.println(measurement.toJson(nativeRpc ? "java-native" : "java-thrift2", args.workload, runtime));
  }
}
