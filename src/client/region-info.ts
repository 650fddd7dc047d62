/** A region of a table, as reported by the gateway. */
export interface RegionInfo {
  /** First row key of the region (empty for the first region). */
  startKey: Buffer;
  /** Row key the region stops before (empty for the last region). */
  endKey: Buffer;
  /** Region id (0 from a Thrift2 gateway, which does not send it). */
  id: bigint;
  /** Full region name (empty from a Thrift2 gateway, which does not send it). */
  name: Buffer;
  /** Region info version. */
  version: number;
  /** Host name of the region server. */
  serverName: Buffer;
  /** Port of the region server. */
  port: number;
}
