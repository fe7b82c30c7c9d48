import { describe, expect, it } from 'vitest';
import { RequestCounters } from './TrafficStats.js';

describe('RequestCounters', () => {
  it('counts requests in flight as they come and go, and their time-average', () => {
    const clock = { now: 0 };
    const counters = new RequestCounters(clock);
    counters.send(); // one in flight from 0
    clock.now = 10;
    counters.send(); // two from 10
    clock.now = 20;
    counters.succeed(20); // the first, answered after 20 ms: one from 20
    clock.now = 40;
    counters.fail('timeout'); // none from 40
    clock.now = 50;
    const f = counters.figures();
    expect(f).toMatchObject({ sent: 2, succeeded: 1, inFlight: 0, retries: 0 });
    expect(f.failed.timeout).toBe(1);
    // Area 1×10 + 2×10 + 1×20 + 0×10 = 50 over 50 ms.
    expect(f.meanInFlight).toBe(1);
    // Little's law on this path: λ = 2 / 50 ms, W = (20 + 30) / 2 ms, L = λW = 1.
    expect(f.latency.mean).toBe(20);
  });
});
