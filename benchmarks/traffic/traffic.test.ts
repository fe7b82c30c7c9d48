import { describe, expect, it } from 'vitest';
import { agendaEntriesPerRequest } from './agendaEntries.js';
import { fillInFlight, inFlightShape } from './inFlightMemory.js';
import { buildTraffic, checkClean, runTraffic } from './runTraffic.js';
import { arrivalRate, type SteadyLoad, steadyShape, timedMs } from './steadyLoad.js';

/** The benchmark's system at a tiny size: 20 replicas, 10 ms, ρ = 0.7, about 4,000 requests timed. */
const tiny: SteadyLoad = {
  replicas: 20,
  concurrency: 1,
  queue: 100,
  serviceTimeMs: 10,
  rho: 0.7,
  warmupMs: 200,
  requests: 4000,
};

describe('traffic benchmark', () => {
  it('loads the replicas to the stated utilisation', () => {
    // 0.7 × 20 replicas × 1 slot ÷ 10 ms = 1.4 requests per ms: 1,400/s, so 4,000 take 2,857 ms.
    expect(arrivalRate(tiny)).toBeCloseTo(1400, 9);
    expect(timedMs(tiny)).toBeCloseTo(4000 / 1.4, 9);
    expect(steadyShape(tiny).horizonMs).toBeCloseTo(200 + 4000 / 1.4, 9);
  });

  it('answers every request through all replicas, none failing, at a P2C latency', () => {
    const run = runTraffic(tiny, 7);
    // Poisson: 4,000 expected in the timed part, within 5 standard deviations (±316).
    expect(Math.abs(run.events - 4000)).toBeLessThan(316);
    expect(run.seconds).toBeGreaterThan(0);
    expect(run.endTime).toBeCloseTo(steadyShape(tiny).horizonMs, 9);
    // Waiting makes the mean latency longer than the 10 ms of work, and P2C keeps it well below a
    // single M/M/1 queue's 10 / (1 − 0.7) = 33 ms.
    expect(run.figures.latency.mean).toBeGreaterThan(10);
    expect(run.figures.latency.mean).toBeLessThan(25);
  });

  it('costs a handful of kernel events per request: one arrival, the rest work', () => {
    const entries = agendaEntriesPerRequest(tiny, 7);
    expect(entries.total).toBeGreaterThanOrEqual(1.9);
    expect(entries.total).toBeLessThanOrEqual(5);
    const arrivals = entries.byLabel.find(([label]) => label === 'arrivals:users');
    // Arrivals and answers differ only by the requests in flight at the two ends of the timed part.
    expect(arrivals?.[1]).toBeCloseTo(1, 1);
  });

  it('fills the replicas with requests in flight, all in service or all but one per replica queued', () => {
    for (const kind of ['in-service', 'queued'] as const) {
      const sim = buildTraffic(inFlightShape(kind, 2000, 20), 7);
      const seen: number[] = [];
      // No request fails: none overflowed a replica's slots (in service) or its queue (queued).
      fillInFlight(sim, (inFlight) => seen.push(inFlight));
      expect(seen[0]).toBeLessThan(5);
      // Poisson: 2,000 expected, within 5 standard deviations (±224).
      expect(Math.abs(seen[1]! - 2000)).toBeLessThan(224);
    }
  });

  it('refuses to report a run where requests failed', () => {
    // One slot and no queue per replica, and work that never ends: the 21st request finds no room.
    const full = { ...inFlightShape('in-service', 2000, 20), concurrency: 1 };
    const sim = buildTraffic(full, 7);
    sim.run(1000);
    expect(() => checkClean(sim)).toThrow(/failed/);
  });
});
