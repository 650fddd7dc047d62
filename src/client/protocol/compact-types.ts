/** @internal The compact protocol's type ids, as they appear in field, list and map headers. */
export const CompactType = {
  STOP: 0,
  /** A bool field holding true (the value is the type); a bool element of a collection. */
  TRUE: 1,
  FALSE: 2,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
  UUID: 13,
} as const;
