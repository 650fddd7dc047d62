/** A namespace and its configuration, as `connection.namespace(name)` reads it back. */
export interface NamespaceDescriptor {
  /** The namespace's name. */
  name: string;
  /**
   * Its configuration, e.g. the quotas `hbase.namespace.quota.maxtables` and
   * `hbase.namespace.quota.maxregions`; `{}` when none was set.
   */
  configuration: Record<string, string>;
}
