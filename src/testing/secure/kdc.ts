import { join } from 'node:path';
import { type StartedJvm, spawnJvm } from '../jvm';
import { PRINCIPALS, REALM } from './realm';

/**
 * @internal Why Kerby and not Debian's krb5-kdc: Apache Kerby's `SimpleKdcServer` ships in HBase's
 * own Maven dependency tree (the classpath the HBase JVMs already run on), so the KDC needs no
 * system package, no root and no kdb5_util/kadmin set-up, and starts with its principals and
 * keytabs in one JVM — what HBase's own secure Thrift tests use. MIT's kinit/klist/kvno (Debian
 * krb5-user) still work as clients against it.
 */
export const KDC_SOURCE = join(__dirname, 'SecureKdc.java');

/** @internal The line SecureKdc.java prints once every principal and keytab exists. */
export const KDC_READY_LINE = 'KDC_READY';

/** @internal What starting the KDC needs. */
export interface KdcLaunch {
  java: string;
  classpath: string;
  /** The instance's folder (the JVM marker: `stop` finds the KDC by it). */
  dir: string;
  port: number;
  keytabDir: string;
  confDir: string;
  logFile: string;
}

/** @internal Starts the KDC JVM (Java's single-file source launch of SecureKdc.java). */
export function spawnKdc(launch: KdcLaunch): StartedJvm {
  return spawnJvm({
    java: launch.java,
    dir: launch.dir,
    name: 'kdc',
    mainClass: KDC_SOURCE,
    confDir: launch.confDir,
    classpath: launch.classpath,
    heap: '128m',
    args: [join(launch.dir, 'kdc'), REALM, String(launch.port), launch.keytabDir, ...PRINCIPALS],
    logFile: launch.logFile,
  });
}
