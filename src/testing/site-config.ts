import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_SPECS, type GatewayDescriptor } from './gateways';

/** @internal Every port of one instance. An info port of -1 means that web UI is off. */
export interface InstancePorts {
  zookeeper: number;
  master: number;
  masterInfo: number;
  regionServer: number;
  regionServerInfo: number;
  gateways: Partial<Record<string, { port: number; infoPort: number }>>;
}

/** @internal Where one instance keeps its files. */
export interface InstanceLayout {
  dir: string;
  conf: string;
  data: string;
  logs: string;
}

/** @internal The folders of an instance living in `dir`. */
export function instanceLayout(dir: string): InstanceLayout {
  return { dir, conf: join(dir, 'conf'), data: join(dir, 'data'), logs: join(dir, 'logs') };
}

/** @internal The TLS keystore the https gateways serve. */
export interface KeystoreFiles {
  keystore: string;
  password: string;
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** @internal A Hadoop configuration file (hbase-site.xml, core-site.xml) holding `props`. */
export function siteXml(props: Record<string, string | number | boolean>): string {
  const body = Object.entries(props)
    .map(
      ([k, v]) => `  <property><name>${escapeXml(k)}</name><value>${escapeXml(String(v))}</value></property>`,
    )
    .join('\n');
  return `<?xml version="1.0"?>\n<!-- Written by hbase-mapper/testing. -->\n<configuration>\n${body}\n</configuration>\n`;
}

// Console only: the spawner sends each JVM's stdout and stderr to logs/<process>.log.
const LOG4J2 = `status = warn
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_OUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{ISO8601} %-5p [%t] %c{1}: %m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
logger.zk.name = org.apache.zookeeper
logger.zk.level = warn
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = warn
# HBase's own packages sit under org.apache.hadoop: back to INFO (readiness reads the master's log).
logger.hbase.name = org.apache.hadoop.hbase
logger.hbase.level = info
`;

/** Every JVM finds ZooKeeper by these; everything listens on the loopback only. */
function clientProps(layout: InstanceLayout, ports: InstancePorts) {
  return {
    'hbase.zookeeper.quorum': '127.0.0.1',
    'hbase.zookeeper.property.clientPort': ports.zookeeper,
    'hbase.tmp.dir': join(layout.data, 'tmp'),
  };
}

function masterProps(layout: InstanceLayout, ports: InstancePorts) {
  return {
    ...clientProps(layout, ports),
    'hbase.cluster.distributed': false, // ZooKeeper, master and region server in this one JVM
    'hbase.rootdir': `file://${join(layout.data, 'hbase')}`,
    'hbase.zookeeper.property.dataDir': join(layout.data, 'zookeeper'),
    'hbase.unsafe.stream.capability.enforce': false, // the local file system has no hflush/hsync
    'hbase.master.port': ports.master,
    'hbase.regionserver.port': ports.regionServer,
    'hbase.master.hostname': 'localhost',
    'hbase.unsafe.regionserver.hostname': 'localhost',
    'hbase.master.info.port': ports.masterInfo,
    'hbase.master.info.bindAddress': '127.0.0.1',
    'hbase.regionserver.info.port': ports.regionServerInfo,
    'hbase.regionserver.info.bindAddress': '127.0.0.1',
    // The port is given: never let the region server's web UI wander off to the next free one.
    'hbase.regionserver.info.port.auto': false,
    // Start-up speed with exactly one region server: the master would otherwise wait 4.5 s for
    // more servers to check in, and the region server report for duty only every 3 s.
    'hbase.master.wait.on.regionservers.maxtostart': 1,
    'hbase.regionserver.msginterval': 1000,
    // The data is thrown away at stop: no orderly shutdown (whose hooks race and can keep the
    // region server retrying a stopped ZooKeeper for ~20 s).
    'hbase.shutdown.hook': false,
  };
}

function gatewayProps(
  layout: InstanceLayout,
  ports: InstancePorts,
  gateway: GatewayDescriptor,
  keystore: KeystoreFiles | undefined,
) {
  const spec = GATEWAY_SPECS[gateway.kind];
  const own = ports.gateways[gateway.name]!;
  const props: Record<string, string | number | boolean> = {
    ...clientProps(layout, ports),
    'hbase.regionserver.thrift.port': own.port,
    'hbase.regionserver.thrift.ipaddress': '127.0.0.1',
    'hbase.thrift.info.port': own.infoPort,
    'hbase.thrift.info.bindAddress': '127.0.0.1',
  };
  if (spec.transport === 'framed') props['hbase.regionserver.thrift.framed'] = true;
  if (spec.protocol === 'compact') props['hbase.regionserver.thrift.compact'] = true;
  if (spec.transport === 'http') props['hbase.regionserver.thrift.http'] = true;
  if (spec.tls && keystore) {
    Object.assign(props, {
      'hbase.thrift.ssl.enabled': true,
      'hbase.thrift.ssl.keystore.store': keystore.keystore,
      'hbase.thrift.ssl.keystore.type': 'PKCS12',
      'hbase.thrift.ssl.keystore.password': keystore.password,
      'hbase.thrift.ssl.keystore.keypassword': keystore.password,
    });
  }
  return { ...props, ...gateway.siteProperties };
}

/**
 * @internal Writes `conf/<process>/` (hbase-site.xml, log4j2.properties) and returns it. One folder
 * per JVM: a Thrift gateway reads its settings only from the hbase-site.xml on its classpath, and
 * keys such as `hbase.regionserver.thrift.http` are site-wide.
 */
export function writeSiteConfig(
  layout: InstanceLayout,
  ports: InstancePorts,
  process: 'master' | GatewayDescriptor,
  keystore?: KeystoreFiles,
  masterProperties?: Record<string, string | number | boolean>,
): string {
  const dir = join(layout.conf, process === 'master' ? process : process.name);
  mkdirSync(dir, { recursive: true });
  const props =
    process === 'master'
      ? { ...masterProps(layout, ports), ...masterProperties }
      : gatewayProps(layout, ports, process, keystore);
  writeFileSync(join(dir, 'hbase-site.xml'), siteXml(props));
  writeFileSync(join(dir, 'log4j2.properties'), LOG4J2);
  return dir;
}
