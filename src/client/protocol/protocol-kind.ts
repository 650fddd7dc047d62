/** The Thrift wire encoding the gateway was started with. */
export type ProtocolKind = 'binary' | 'compact';
