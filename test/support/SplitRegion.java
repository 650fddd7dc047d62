// Splits the region of a table that holds a key, through HBase's Java Admin (the Thrift gateways
// have no split call), and waits until the table has more regions than before.
// Usage: java -cp <HBase classpath> SplitRegion.java <zookeeper port> <table> <split key>
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.util.Bytes;

public class SplitRegion {
  public static void main(String[] args) throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", "127.0.0.1");
    conf.set("hbase.zookeeper.property.clientPort", args[0]);
    TableName table = TableName.valueOf(args[1]);
    byte[] key = Bytes.toBytes(args[2]);
    try (Connection connection = ConnectionFactory.createConnection(conf);
        Admin admin = connection.getAdmin()) {
      int before = admin.getRegions(table).size();
      admin.split(table, key);
      long deadline = System.currentTimeMillis() + 120_000;
      // The split is asynchronous: poll the region count (bounded) until the daughters are online.
      while (admin.getRegions(table).size() <= before) {
        if (System.currentTimeMillis() > deadline) throw new IllegalStateException("split did not complete in 120 s");
        Thread.sleep(200);
      }
      System.out.println(admin.getRegions(table).size());
    }
  }
}
