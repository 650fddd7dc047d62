import { InvalidArgumentError } from './errors';
import { optionalInteger, requireOneOf } from './validate';

/**
 * Where a read may be answered from (Thrift2 gateway, tables with region replicas):
 * - `'strong'` (HBase's default): the primary region only, always up to date (what every read does:
 *   accepted on a Thrift1 gateway too);
 * - `'timeline'`: a secondary replica may answer (the one `replicaId` names, or the first to
 *   answer), so the read survives a slow or failing primary — but its data may lag behind the
 *   primary's. `isStale(data)` tells whether a row came from a secondary.
 */
export type Consistency = 'strong' | 'timeline';

const CONSISTENCIES: readonly Consistency[] = ['strong', 'timeline'];

/** @internal A validated replica read: the consistency asked, and the replica to read, if one. */
export interface ReplicaRead {
  consistency: Consistency;
  replicaId?: number;
}

/** HBase's limit on a table's region replication (`HConstants`... `REGION_REPLICATION` is a short). */
const MAX_REPLICA_ID = 2 ** 15 - 1;

/**
 * @internal Validates `consistency` and `replicaId`; undefined when neither is given, or for a
 * strong read (nothing to ask). A replica
 * other than the primary is only read with `'timeline'` (HBase reads the primary for `'strong'`).
 */
export function optionalReplicaRead(consistency: unknown, replicaId: unknown): ReplicaRead | undefined {
  if (consistency === undefined && replicaId === undefined) return undefined;
  const level =
    consistency === undefined ? 'strong' : requireOneOf(consistency, 'options.consistency', CONSISTENCIES);
  const replica = optionalInteger(replicaId, 'options.replicaId', 0, MAX_REPLICA_ID);
  if (replica !== undefined && level !== 'timeline') {
    throw new InvalidArgumentError('options.replicaId', "consistency: 'timeline' alongside it", replicaId);
  }
  // Strong reads of the primary are what every read is: nothing to ask of the gateway (and so
  // nothing a Thrift1 gateway would have to refuse).
  if (level === 'strong') return undefined;
  return replica === undefined ? { consistency: level } : { consistency: level, replicaId: replica };
}
