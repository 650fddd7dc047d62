/**
 * hbase-mapper: an async HBase client for the Thrift1 and Thrift2 gateways (HappyBase's API, in TypeScript)
 * and a typed entity mapper on top of it.
 *
 * @packageDocumentation
 * @module hbase-mapper
 */
export * from './client';
export * from './codecs';
export * from './decorators';
export * from './mapper';
