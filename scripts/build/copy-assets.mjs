// Non-TypeScript files the compiled code reads at run time, copied beside it: the pom from which
// hbase-mapper/testing resolves HBase's jars with Maven (read as `${__dirname}/pom.xml`), and the
// KDC launcher of the secure test instance (`${__dirname}/SecureKdc.java`).
// A missing one fails the build: the package would ship a testing kit that cannot start.
import { cpSync, existsSync } from 'node:fs';

for (const [from, to] of [
  ['src/testing/pom.xml', 'dist/cjs/testing/pom.xml'],
  ['src/testing/secure/SecureKdc.java', 'dist/cjs/testing/secure/SecureKdc.java'],
]) {
  if (!existsSync(from)) throw new Error(`copy-assets: ${from} is missing`);
  cpSync(from, to);
}
