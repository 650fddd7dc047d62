/**
 * @internal The columns of a scan as HBase reads them: family-wide entries (`f`, for a column
 * map) last and without the qualified columns they hold (`f:plan`). HBase applies the columns in
 * order, and a qualified column of a family already requested whole narrows the family to that
 * qualifier: `['f', 'f:plan']` would read `f:plan` only.
 */
export function wholeFamiliesLast(columns: readonly Buffer[]): Buffer[] {
  const families = columns.filter((c) => !c.includes(COLON));
  const whole = new Set(families.map((c) => c.toString('utf8')));
  const qualified = columns.filter((c) => {
    const colon = c.indexOf(COLON);
    return colon >= 0 && !whole.has(c.subarray(0, colon).toString('utf8'));
  });
  const distinct = new Map(families.map((f) => [f.toString('utf8'), f]));
  return [...qualified, ...distinct.values()];
}

const COLON = 0x3a;
