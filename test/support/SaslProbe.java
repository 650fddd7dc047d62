// A JDK-side client of a secure socket gateway: logs in from a keytab (Hadoop's UGI), opens
// Thrift's TSaslClientTransport (GSSAPI, service hbase@localhost) at the given QOP and makes one
// call, printing the tables the user may see (thrift1: `tables: a b`) or tableExists(hbase:meta) (thrift2). It proves the
// gateway and the KDC work independently of this library's own SASL client.
// Usage: java -Djava.security.krb5.conf=<krb5.conf> -cp <HBase classpath> SaslProbe.java
//          <thrift1|thrift2> <port> <auth|auth-int|auth-conf> <principal> <keytab> [service, default hbase]
import java.nio.ByteBuffer;
import java.security.PrivilegedExceptionAction;
import java.util.Map;
import javax.security.sasl.Sasl;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.thrift.generated.Hbase;
import org.apache.hadoop.hbase.thrift2.generated.THBaseService;
import org.apache.hadoop.hbase.thrift2.generated.TTableName;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSaslClientTransport;
import org.apache.thrift.transport.TSocket;

public class SaslProbe {
  public static void main(String[] args) throws Exception {
    String api = args[0];
    int port = Integer.parseInt(args[1]);
    String qop = args[2];
    String service = args.length > 5 ? args[5] : "hbase";
    Configuration conf = new Configuration();
    conf.set("hadoop.security.authentication", "kerberos");
    UserGroupInformation.setConfiguration(conf);
    UserGroupInformation ugi = UserGroupInformation.loginUserFromKeytabAndReturnUGI(args[3], args[4]);
    String result = ugi.doAs((PrivilegedExceptionAction<String>) () -> {
      TSocket socket = new TSocket("127.0.0.1", port);
      socket.setTimeout(30_000);
      TSaslClientTransport transport =
          new TSaslClientTransport("GSSAPI", null, service, "localhost", Map.of(Sasl.QOP, qop), null, socket);
      transport.open();
      try {
        TBinaryProtocol protocol = new TBinaryProtocol(transport);
        if (api.equals("thrift2")) {
          TTableName meta = new TTableName(ByteBuffer.wrap("hbase".getBytes()));
          meta.setQualifier(ByteBuffer.wrap("meta".getBytes()));
          return "tableExists(hbase:meta) = " + new THBaseService.Client(protocol).tableExists(meta);
        }
        StringBuilder names = new StringBuilder("tables:");
        for (ByteBuffer name : new Hbase.Client(protocol).getTableNames())
          names.append(" ").append(java.nio.charset.StandardCharsets.UTF_8.decode(name));
        return names.toString();
      } finally {
        transport.close();
      }
    });
    System.out.println(result);
  }
}
