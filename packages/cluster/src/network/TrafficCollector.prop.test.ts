import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/Simulation.js';
import { FAILURE_CAUSES } from './FailureCause.js';
import { collectTraffic } from './TrafficCollector.js';

// On random loads, queues, timeouts, crashes, intervals and stop times, the collector's books balance:
// no request is lost between the totals and the intervals.

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('TrafficCollector properties', () => {
  it('series add up to the totals, and sent = succeeded + failed + in flight', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1000 }),
          rate: fc.integer({ min: 5, max: 300 }),
          queue: fc.integer({ min: 0, max: 5 }),
          timeoutMs: fc.constantFrom(undefined, 15, 60),
          retries: fc.constantFrom(0, 1, 2),
          crashAt: fc.integer({ min: 0, max: 40_000 }),
          sampleEvery: fc.integer({ min: 100, max: 20_000 }),
          stopAt: fc.integer({ min: 1, max: 60_000 }),
        }),
        (c) => {
          const sim = createSimulation({
            seed: c.seed,
            horizon: '40s',
            hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '16Gi' } }],
            services: {
              web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { queue: c.queue } },
            },
            requests: {
              get: {
                service: 'web',
                serviceTime: { dist: 'exponential', mean: '10ms' },
                ...(c.timeoutMs === undefined ? {} : { timeout: c.timeoutMs }),
                ...(c.retries === 0 ? {} : { retry: { attempts: c.retries } }),
              },
            },
            load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: c.rate } }],
            faults: [{ kind: 'host-crash', at: c.crashAt, host: 'node-0', recoverAfter: '10s' }],
          });
          const collector = collectTraffic(sim, { sampleEvery: c.sampleEvery });
          sim.run(c.stopAt);
          const { series, sources, window } = collector.report();
          const users = sources.users!;
          expect(users.succeeded + users.failedTotal + users.inFlight).toBe(users.sent);
          expect(sum(series.map((s) => s.sent))).toBe(users.sent);
          expect(sum(series.map((s) => s.succeeded))).toBe(users.succeeded);
          for (const cause of FAILURE_CAUSES) expect(sum(series.map((s) => s.failed[cause]))).toBe(users.failed[cause]);
          // Intervals tile the window, each a sampleEvery long but the last.
          let start = window.from;
          for (const s of series) {
            expect(s.at).toBeGreaterThan(start);
            expect(s.at - start).toBeLessThanOrEqual(c.sampleEvery);
            expect(s.inFlight).toBeGreaterThanOrEqual(-1e-9);
            start = s.at;
          }
          expect(start).toBe(window.to);
        },
      ),
      { numRuns: 40 },
    );
  });
});
