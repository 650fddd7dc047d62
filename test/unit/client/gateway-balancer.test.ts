import {
  EJECT_BASE_MS,
  EJECT_MAX_MS,
  GatewayBalancer,
  SETTLE_MS,
} from '../../../src/client/gateway-balancer';

const a = { host: 'a', port: 1 };
const b = { host: 'b', port: 2 };
const load = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('GatewayBalancer', () => {
  afterEach(() => jest.useRealTimers());

  it('places a new connection on the healthy gateway with the fewest, ties in turn', () => {
    const balancer = new GatewayBalancer([a, b]);
    expect(balancer.place(load({ 'a:1': 2, 'b:2': 1 }))).toBe('b:2');
    const ties = [balancer.place(load({})), balancer.place(load({}))];
    expect(new Set(ties)).toEqual(new Set(['a:1', 'b:2']));
  });

  it('moves a connection handed back only when that evens things out', () => {
    const balancer = new GatewayBalancer([a, b]);
    expect(balancer.place(load({ 'a:1': 2, 'b:2': 1 }), 'a:1')).toBe('a:1');
    expect(balancer.place(load({ 'a:1': 3, 'b:2': 1 }), 'a:1')).toBe('b:2');
  });

  it('leaves a connection that just arrived where it is for a small imbalance: no flapping', () => {
    const balancer = new GatewayBalancer([a, b]);
    const connection = {};
    // Placed on a; then a lease pinned to b moved it there (b now holds 3 of 4).
    expect(balancer.place(load({ 'a:1': 1, 'b:2': 2 }), undefined, connection, 0)).toBe('a:1');
    expect(balancer.place(load({ 'a:1': 1, 'b:2': 3 }), 'b:2', connection, 100)).toBe('b:2');
    // Handed back again and again while settling: it stays (the next pinned lease finds it on b).
    for (const now of [200, 5_000, SETTLE_MS + 99]) {
      expect(balancer.place(load({ 'a:1': 1, 'b:2': 3 }), 'b:2', connection, now)).toBe('b:2');
    }
    // Settled: a hand-back evens the gateways out, and the move starts a new settling time.
    expect(balancer.place(load({ 'a:1': 1, 'b:2': 3 }), 'b:2', connection, SETTLE_MS + 100)).toBe('a:1');
    expect(balancer.place(load({ 'a:1': 3, 'b:2': 1 }), 'a:1', connection, SETTLE_MS + 200)).toBe('a:1');
    // Without a connection to remember, no hysteresis (as before).
    expect(balancer.place(load({ 'a:1': 1, 'b:2': 3 }), 'b:2', undefined, 200)).toBe('a:1');
  });

  it('moves a settling connection to a gateway that holds none (a gateway back: the probe)', () => {
    const balancer = new GatewayBalancer([a, b]);
    const connection = {};
    expect(balancer.place(load({ 'a:1': 0, 'b:2': 3 }), undefined, connection, 0)).toBe('a:1');
    // It failed over to b; handed back at once, a holds nothing: it goes back.
    expect(balancer.place(load({ 'a:1': 0, 'b:2': 4 }), 'b:2', connection, 10)).toBe('a:1');
  });

  it('ejects a failing gateway with a bounded, doubling backoff, and takes it back once it opens', () => {
    jest.useFakeTimers({ now: 0 });
    const balancer = new GatewayBalancer([a, b]);
    balancer.failed(a);
    balancer.failed(a); // the same outage, seen by another connection: no longer ejection
    expect(balancer.healthy()).toEqual(['b:2']);
    expect(balancer.place(load({ 'b:2': 5 }))).toBe('b:2');
    jest.setSystemTime(EJECT_BASE_MS);
    expect(balancer.healthy()).toEqual(['a:1', 'b:2']); // probation: the next placement probes it
    balancer.failed(a);
    jest.setSystemTime(EJECT_BASE_MS * 2.5);
    expect(balancer.healthy()).toEqual(['b:2']); // 2 s this time
    for (let i = 0; i < 20; i++) {
      jest.setSystemTime(Date.now() + EJECT_MAX_MS);
      balancer.failed(a);
    }
    jest.setSystemTime(Date.now() + EJECT_MAX_MS);
    expect(balancer.healthy()).toContain('a:1');
    balancer.opened(a);
    balancer.failed(a);
    jest.setSystemTime(Date.now() + EJECT_BASE_MS);
    expect(balancer.healthy()).toContain('a:1'); // reset to 1 s by the socket that opened
  });

  it('uses every gateway when all are ejected', () => {
    const balancer = new GatewayBalancer([a, b]);
    balancer.failed(a);
    balancer.failed(b);
    expect(balancer.healthy()).toEqual(['a:1', 'b:2']);
  });
});
