// The progress meter on its own: the throttle, the final report, a throwing callback (called once,
// then never again) and the checks of the options. The operations' reports are tested against the
// real HBase in test/integration/observability/progress*.test.ts.
import { InvalidArgumentError, type Progress } from '../../src';
import { DEFAULT_PROGRESS_INTERVAL, ProgressMeter, progressSettings } from '../../src/client/progress';

describe('progressSettings', () => {
  it('is undefined without onProgress, and defaults the interval', () => {
    expect(progressSettings({})).toBeUndefined();
    const callback = () => undefined;
    expect(progressSettings({ onProgress: callback })).toEqual({
      callback,
      interval: DEFAULT_PROGRESS_INTERVAL,
    });
    expect(progressSettings({ onProgress: callback, progressInterval: 0 })?.interval).toBe(0);
  });

  it.each([
    [{ onProgress: 'log' }, 'options.onProgress'],
    [{ onProgress: null }, 'options.onProgress'],
    [{ onProgress: () => undefined, progressInterval: -1 }, 'options.progressInterval'],
    [{ onProgress: () => undefined, progressInterval: 0.5 }, 'options.progressInterval'],
    [{ onProgress: () => undefined, progressInterval: '100' }, 'options.progressInterval'],
    [{ progressInterval: 100 }, 'options.progressInterval'],
  ])('refuses %p naming %s', (options, argument) => {
    expect(() => progressSettings(options)).toThrow(InvalidArgumentError);
    try {
      progressSettings(options);
    } catch (error) {
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
  });
});

describe('ProgressMeter', () => {
  it('with interval 0 reports every tick; finish reports done', () => {
    const reports: Progress[] = [];
    const meter = new ProgressMeter('scan', { callback: (p) => reports.push(p), interval: 0 });
    meter.rows = 10;
    meter.tick();
    meter.rows = 20;
    meter.tick();
    meter.finish();
    expect(reports.map((r) => [r.rows, r.done])).toEqual([
      [10, false],
      [20, false],
      [20, true],
    ]);
    expect(Object.isFrozen(reports[0])).toBe(true);
    expect(reports[0]).not.toHaveProperty('cells');
    expect(reports[0]).not.toHaveProperty('partsTotal');
  });

  it('tells whether calls were counted since the last final report', () => {
    const reports: Progress[] = [];
    const meter = new ProgressMeter('batch', { callback: (p) => reports.push(p), interval: 0 });
    expect(meter.sentSinceFinish).toBe(false);
    meter.calls = 1;
    expect(meter.sentSinceFinish).toBe(true);
    meter.finish();
    expect(meter.sentSinceFinish).toBe(false);
    meter.calls = 2;
    expect(meter.sentSinceFinish).toBe(true);
  });

  it('holds ticks back for the interval, never the final report', () => {
    const reports: Progress[] = [];
    const meter = new ProgressMeter('batch', { callback: (p) => reports.push(p), interval: 2 ** 31 - 1 });
    meter.cells = 0;
    for (let i = 0; i < 1000; i++) meter.tick();
    meter.finish();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ operation: 'batch', done: true, cells: 0 });
  });

  it('stops calling a callback that threw, and rethrows what it threw', () => {
    const boom = new Error('boom');
    let calls = 0;
    const meter = new ProgressMeter('count', {
      callback: () => {
        calls++;
        throw boom;
      },
      interval: 0,
    });
    expect(() => meter.tick()).toThrow(boom);
    meter.tick();
    meter.finish();
    expect(calls).toBe(1);
  });
});
