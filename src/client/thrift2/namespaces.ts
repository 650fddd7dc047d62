import type { NamespaceDescriptor } from '../namespace-descriptor';
import { TNamespaceDescriptor } from './generated/hbase_types';

/** @internal A namespace to create, as Thrift2's descriptor (no configuration: none sent). */
export function toNamespaceDescriptor(namespace: NamespaceDescriptor): TNamespaceDescriptor {
  const { name, configuration } = namespace;
  return new TNamespaceDescriptor({
    name,
    configuration: Object.keys(configuration).length === 0 ? undefined : { ...configuration },
  });
}

/** @internal Thrift2's namespace descriptor as ours. */
export function fromNamespaceDescriptor(descriptor: TNamespaceDescriptor): NamespaceDescriptor {
  const configuration: Record<string, string> = {};
  for (const [key, value] of Object.entries(descriptor.configuration ?? {}))
    configuration[key] = String(value);
  return { name: descriptor.name, configuration };
}
