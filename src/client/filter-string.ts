/**
 * @internal Pieces of HBase's filter language (the `filter` scan option). Arguments are quoted in
 * single quotes, with a quote inside doubled; the gateway parses bytes, so binary values are fine.
 */
export function quoteFilterArgument(value: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from("'")];
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === 0x27) {
      parts.push(value.subarray(from, i + 1), Buffer.from("'"));
      from = i + 1;
    }
  }
  parts.push(value.subarray(from), Buffer.from("'"));
  return Buffer.concat(parts);
}

/** @internal Combines two filter expressions with AND; either may be absent. */
export function andFilters(left: Buffer | undefined, right: Buffer): Buffer {
  if (left === undefined) return right;
  return Buffer.concat([Buffer.from('('), left, Buffer.from(') AND ('), right, Buffer.from(')')]);
}
