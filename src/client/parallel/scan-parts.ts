import type { ScanSpec } from '../gateway/scan-spec';
import type { RegionInfo } from '../region-info';

/**
 * @internal The scan `spec` cut into one scan per region it touches, in the order the rows of
 * `spec` come (descending for a reversed scan). Each part keeps everything of `spec` but its
 * bounds (filters, columns, limit...); together the parts cover exactly the rows of `spec`, each
 * row in one part.
 *
 * A part is a range of keys, not a region: if a region splits or moves while the parts are read,
 * the gateway's scanner crosses the new boundary on its own, and the part still reads its keys.
 *
 * Reversed, a scan runs from its (inclusive) start row down to its (exclusive) stop row, and no
 * bound can say "just below this key": the parts are then `(b[i], b[i+1]]` for consecutive region
 * start keys — each part reads the first row of the region above it (if that row exists) and
 * leaves the first row of its own region to the part below. The key space is still cut exactly.
 * A reversed scan with a `floor` (see `ScanRequest.floor`) is not cut at or below it: its lowest
 * part runs down to the floor, where the scan's PrefixFilter ends it.
 */
export function splitScan(spec: ScanSpec, regions: readonly RegionInfo[], floor?: Buffer): ScanSpec[] {
  const low = spec.reversed ? spec.stopRow : spec.startRow;
  const high = spec.reversed ? spec.startRow : spec.stopRow;
  // `floor`: the lowest key a reversed scan with an open stop row can return (a `rowPrefix`): no
  // cut at or below it, so that no part reads only rows below the prefix.
  const lowest = low === undefined || low.length === 0 ? floor : low;
  // Region start keys strictly inside the scan's range: where it is cut.
  const cuts = [...new Set(regions.map((r) => r.startKey.toString('latin1')).filter((k) => k.length > 0))]
    .map((k) => Buffer.from(k, 'latin1'))
    .sort(Buffer.compare)
    .filter(
      (key) =>
        (lowest === undefined || lowest.length === 0 || Buffer.compare(lowest, key) < 0) &&
        (high === undefined || high.length === 0 || Buffer.compare(key, high) < 0),
    );
  const bounds: Array<Buffer | undefined> = [low, ...cuts, high];
  const parts: ScanSpec[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const lower = bounds[i];
    const upper = bounds[i + 1];
    parts.push(
      spec.reversed
        ? { ...spec, startRow: upper, stopRow: lower }
        : { ...spec, startRow: lower, stopRow: upper },
    );
  }
  return spec.reversed ? parts.reverse() : parts;
}
