import type { GssLibrary } from './gss-library';

/** GSS_S_COMPLETE: the call finished. */
export const GSS_S_COMPLETE = 0;

/** @internal A failed GSS-API call: its status codes and the library's own texts for them. */
export class GssCallError extends Error {
  /**
   * @param call - the GSS-API function.
   * @param major - its major status.
   * @param minor - its minor (mechanism) status.
   * @param text - the library's texts for both (they name causes, never keys or tokens).
   */
  constructor(
    readonly call: string,
    readonly major: number,
    readonly minor: number,
    text: string,
  ) {
    super(text);
  }
}

/** @internal Throws a {@link GssCallError} when `major` reports an error; returns it otherwise. */
export function checkStatus(gss: GssLibrary, call: string, major: number, minor: number): number {
  if ((major & 0xffff0000) === 0) return major;
  throw new GssCallError(call, major, minor, statusText(gss, major, minor));
}

/** The library's texts for a major and a minor status ("major: minor"). */
function statusText(gss: GssLibrary, major: number, minor: number): string {
  const texts: string[] = [];
  for (const [code, type] of [
    [major, 1], // GSS_C_GSS_CODE
    [minor, 2], // GSS_C_MECH_CODE
  ] as const) {
    if (code === 0) continue;
    const more = [0];
    // Bounded: a status has a handful of lines, each call returns the next.
    for (let line = 0; line < 8; line++) {
      const out: { length?: number | bigint; value?: unknown } = {};
      if ((gss.displayStatus([0], code, type, null, more, out) & 0xffff0000) !== 0) break;
      const length = Number(out.length ?? 0);
      if (length > 0) texts.push(gss.copyBytes(out.value, length).toString('utf8'));
      gss.releaseBuffer([0], out);
      if (more[0] === 0) break;
    }
  }
  return texts.join(': ') || `GSS-API status ${major}/${minor}`;
}
