import { NotSupportedError } from '../errors';

/**
 * @internal The error of a feature only Thrift2's `THBaseService` has, asked of a Thrift1 gateway.
 * Raised before anything of the feature is sent (at most the connection's API question went out).
 */
export function thrift2Only(feature: string): NotSupportedError {
  return new NotSupportedError(feature, {
    message:
      `${feature} needs a Thrift2 gateway (org.apache.hadoop.hbase.thrift2.ThriftServer, service ` +
      'THBaseService): the Thrift1 API has no such call, and this connection speaks Thrift1. Nothing was sent',
  });
}

/** @internal {@link thrift2Only} as a rejected promise: what a Thrift1 gateway answers. */
export function rejectThrift2Only(feature: string): Promise<never> {
  return Promise.reject(thrift2Only(feature));
}
