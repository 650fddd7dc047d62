package hbasemapper.bench;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.thrift2.client.ThriftConnection;
import org.apache.hadoop.hbase.util.VersionInfo;

/**
 * One benchmark workload with HBase's own Java client over the Thrift2 gateway, in its own JVM.
 * Same command line and JSON line as the other runners, so bench/run.mjs treats it alike. Usage:
 * java -cp CLASSPATH hbasemapper.bench.Thrift2Runner --workload=put-get --table=t --n=100 --port=9092
 */
public final class Thrift2Runner {
  private Thrift2Runner() {}

  public static void main(String[] argv) throws Exception {
    RunnerArgs args = RunnerArgs.parse(argv);
    Configuration conf = HBaseConfiguration.create();
    // The documented way to get the Thrift2 client: a Connection implementation chosen by config.
    conf.set("hbase.client.connection.impl", ThriftConnection.class.getName());
    conf.set("hbase.thrift.server.name", args.host);
    conf.setInt("hbase.thrift.server.port", args.port);
    conf.setBoolean("hbase.regionserver.thrift.framed", args.transport.equals("framed"));
    conf.setBoolean("hbase.regionserver.thrift.compact", args.protocol.equals("compact"));
    conf.setInt("hbase.client.operation.timeout", 120_000);
    Measurement measurement;
    try (Connection connection = ConnectionFactory.createConnection(conf)) {
      measurement = new Workloads(connection, args).run();
    }
    String runtime = "java " + System.getProperty("java.version") + ", hbase-thrift "
        + ThriftConnection.class.getPackage().getImplementationVersion() + " client (hbase-client " + VersionInfo.getVersion() + ")";
    System.out.println(measurement.toJson(args.workload, runtime));
  }
}
