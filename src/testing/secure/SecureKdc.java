// A Kerberos KDC on the loopback for the secure test instance: Apache Kerby's SimpleKdcServer, whose
// jars come with HBase's Maven dependencies (the same classpath the HBase JVMs run on, no system
// package). It creates every principal, exports one keytab per principal, prints KDC_READY and then
// serves until killed. TCP only (the clients' krb5.conf says udp_preference_limit = 1).
// Usage: java -cp <HBase classpath> SecureKdc.java <work dir> <realm> <tcp port> <keytab dir>
//          <principal>...   (each principal, realm left out, is written to <keytab dir>/<name with / as _>.keytab)
import java.io.File;
import org.apache.kerby.kerberos.kerb.server.KdcConfigKey;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;

public class SecureKdc {
  public static void main(String[] args) throws Exception {
    File work = new File(args[0]);
    String realm = args[1];
    int port = Integer.parseInt(args[2]);
    File keytabs = new File(args[3]);
    work.mkdirs();
    keytabs.mkdirs();
    SimpleKdcServer kdc = new SimpleKdcServer();
    kdc.setWorkDir(work);
    kdc.setKdcHost("127.0.0.1");
    kdc.setKdcRealm(realm);
    kdc.setKdcTcpPort(port);
    kdc.setAllowUdp(false);
    kdc.setAllowTcp(true);
    // Lets a test ask for a ticket living a few seconds (`kinit -l 3s`): Kerby's default minimum
    // (one hour) would refuse it. That is the "expired ticket" recipe.
    kdc.getKdcConfig().setLong(KdcConfigKey.MINIMUM_TICKET_LIFETIME, 1L);
    kdc.init();
    kdc.start();
    for (int i = 4; i < args.length; i++) {
      String principal = args[i];
      kdc.createPrincipal(principal);
      File keytab = new File(keytabs, principal.split("@")[0].replace('/', '_') + ".keytab");
      keytab.delete();
      kdc.exportPrincipal(principal, keytab);
    }
    System.out.println("KDC_READY " + realm + " 127.0.0.1:" + port);
    System.out.flush();
    Thread.currentThread().join();
  }
}
