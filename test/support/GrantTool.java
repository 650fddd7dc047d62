// HBase's Java admin logged in from a keytab (a superuser's: admin@HBASE.TEST) on the secure test
// instance: creates and drops tables and grants and revokes table rights, so a test can give one
// user rights another lacks (impersonation: alice acting as bob gets bob's rights).
// Usage: java -Djava.security.krb5.conf=<krb5.conf> -cp <HBase classpath> GrantTool.java
//          <zookeeper port> <principal> <keytab> <command> <args>...
//   create <table> <family> | drop <table> | grant <user> <table> <R|W|RW|RWXCA> | revoke <user> <table>
import java.security.PrivilegedExceptionAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.security.access.AccessControlClient;
import org.apache.hadoop.hbase.security.access.Permission;
import org.apache.hadoop.security.UserGroupInformation;

public class GrantTool {
  public static void main(String[] args) throws Exception {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", "127.0.0.1");
    conf.set("hbase.zookeeper.property.clientPort", args[0]);
    conf.set("hbase.security.authentication", "kerberos");
    conf.set("hadoop.security.authentication", "kerberos");
    // The servers' principal: the client checks it before sending its credentials.
    conf.set("hbase.master.kerberos.principal", "hbase/localhost@HBASE.TEST");
    conf.set("hbase.regionserver.kerberos.principal", "hbase/localhost@HBASE.TEST");
    UserGroupInformation.setConfiguration(conf);
    UserGroupInformation ugi = UserGroupInformation.loginUserFromKeytabAndReturnUGI(args[1], args[2]);
    String command = args[3];
    ugi.doAs((PrivilegedExceptionAction<Void>) () -> {
      try (Connection connection = ConnectionFactory.createConnection(conf);
          Admin admin = connection.getAdmin()) {
        switch (command) {
          case "create" -> admin.createTable(
              TableDescriptorBuilder.newBuilder(TableName.valueOf(args[4]))
                  .setColumnFamily(ColumnFamilyDescriptorBuilder.of(args[5]))
                  .build());
          case "drop" -> {
            admin.disableTable(TableName.valueOf(args[4]));
            admin.deleteTable(TableName.valueOf(args[4]));
          }
          case "grant" -> AccessControlClient.grant(
              connection, TableName.valueOf(args[5]), args[4], null, null, actions(args[6]));
          case "revoke" -> AccessControlClient.revoke(
              connection, TableName.valueOf(args[5]), args[4], null, null,
              actions("RWXCA"));
          default -> throw new IllegalArgumentException("unknown command " + command);
        }
      } catch (Throwable t) {
        throw new Exception(t);
      }
      return null;
    });
    System.out.println("done " + command);
  }

  /** "RW" → READ, WRITE (R read, W write, X exec, C create, A admin). */
  static Permission.Action[] actions(String letters) {
    return letters.chars().mapToObj(c -> switch (c) {
      case 'R' -> Permission.Action.READ;
      case 'W' -> Permission.Action.WRITE;
      case 'X' -> Permission.Action.EXEC;
      case 'C' -> Permission.Action.CREATE;
      case 'A' -> Permission.Action.ADMIN;
      default -> throw new IllegalArgumentException("unknown right " + (char) c);
    }).toArray(Permission.Action[]::new);
  }
}
