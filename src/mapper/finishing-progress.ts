import { DONE } from '../client/iterator-done';
import type { ProgressMeter } from '../client/progress';

/**
 * @internal The iterator of a scan of several runs (salt buckets) that share a progress meter:
 * none of the runs knows when the whole scan ends, so the final report is made here, when the
 * merged rows run out (every run's scanner is closed by then). What the callback throws rejects
 * that last `next()`.
 */
export function finishingProgress<T>(iterator: AsyncIterator<T>, meter: ProgressMeter): AsyncIterator<T> {
  let finished = false;
  return {
    next: () =>
      iterator.next().then((result) => {
        if (result.done && !finished) {
          finished = true;
          meter.finish();
        }
        return result;
      }),
    return: () => (iterator.return ? iterator.return() : Promise.resolve(DONE)),
  };
}
