// The idle watch of scans: fires once nothing touched it for its timeout (within 1.5 times it),
// never while touched or busy, and not after stop().
import { IdleWatch } from '../../src/client/idle-watch';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('IdleWatch', () => {
  it('fires between timeout and 1.5 × timeout after the last touch', () => {
    const onIdle = jest.fn();
    const watch = new IdleWatch(1000, () => false, onIdle);
    watch.start();
    jest.advanceTimersByTime(999);
    expect(onIdle).not.toHaveBeenCalled();
    jest.advanceTimersByTime(501);
    expect(onIdle).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(10_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('touches and busy periods keep it quiet', () => {
    const onIdle = jest.fn();
    let busy = false;
    const watch = new IdleWatch(1000, () => busy, onIdle);
    watch.start();
    for (let i = 0; i < 20; i++) {
      jest.advanceTimersByTime(400);
      watch.touch();
    }
    busy = true;
    jest.advanceTimersByTime(5000);
    expect(onIdle).not.toHaveBeenCalled();
    busy = false;
    jest.advanceTimersByTime(1500);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('stop() ends the watch; start() begins a new one', () => {
    const onIdle = jest.fn();
    const watch = new IdleWatch(100, () => false, onIdle);
    watch.start();
    watch.stop();
    jest.advanceTimersByTime(1000);
    expect(onIdle).not.toHaveBeenCalled();
    watch.start();
    watch.start(); // idempotent
    jest.advanceTimersByTime(150);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
