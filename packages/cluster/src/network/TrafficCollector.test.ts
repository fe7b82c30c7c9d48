import { LatencyHistogram } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { FAILURE_CAUSES } from './FailureCause.js';
import { collectTraffic } from './TrafficCollector.js';

/** Three replicas of `web`, 100/s of `get` (10 ms of work on average), web-0 crashing at 1 min. */
function web(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    seed: 3,
    horizon: '2m',
    hosts: [{ group: 'node', count: 3, capacity: { cpu: '8', memory: '16Gi' } }],
    services: {
      web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { concurrency: 2 } },
    },
    requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '10ms' } } },
    load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 100 } }],
    faults: [{ kind: 'container-crash', at: '1m', container: 'web-0' }],
    ...overrides,
  };
}

/** Adds up one field of every interval. */
const total = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('TrafficCollector', () => {
  it('agrees with sim.traffic() when created with the simulation', () => {
    const sim = createSimulation(web());
    const collector = collectTraffic(sim, { cpu: true });
    sim.run();
    const report = collector.report();
    const users = sim.traffic().sources.users!;
    const failed = total(Object.values(users.failed));
    expect(report.sources.users).toEqual({
      sent: users.sent,
      succeeded: users.succeeded,
      failed: users.failed,
      failedTotal: failed,
      retries: users.retries,
      inFlight: users.inFlight,
      // Arrivals stop at the 2 min horizon.
      throughput: users.succeeded / 120,
      // The same histogram buckets; the mean adds the same latencies in another order (interval by interval).
      latency: { ...users.latency, mean: expect.closeTo(users.latency.mean, 9) },
    });
    expect(report.window).toEqual({ from: 0, to: sim.now, sampleEvery: 600, loadMs: 120_000 });
    // One service answering one request type: the same figures, and the spread over its replicas.
    const { requests, served, imbalance, cpu, ...figures } = report.services.web!;
    expect(figures).toEqual(report.sources.users);
    expect(requests).toEqual(['get']);
    expect(served).toEqual(sim.traffic().services.web!.served);
    expect(imbalance).toBe(sim.traffic().services.web!.imbalance);
    const spent = sim.traffic().services.web!;
    expect(cpu).toEqual({ mean: spent.cpuMs / sim.now, utilization: spent.cpuMs / spent.requestedCpuMs });
  });

  it('counts a service’s cpu as each request’s cpu times its work, and utilisation against the ready replicas’ requests', () => {
    // One replica requesting 500m that serves one request at a time: each request keeps 500m busy for its
    // 10 ms of work, so cpu-time is answered × 10 ms × 500m exactly, and utilisation is the busy fraction.
    const sim = createSimulation({
      seed: 5,
      horizon: '1m',
      hosts: [{ name: 'a', capacity: { cpu: '4', memory: '4Gi' } }],
      services: { one: { replicas: 1, template: { requests: { cpu: '500m' } } } },
      requests: { get: { service: 'one', serviceTime: { dist: 'constant', value: '10ms' } } },
      load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 20 } }],
    });
    const collector = collectTraffic(sim, { cpu: true });
    sim.run();
    const { cpu, succeeded } = collector.report().services.one!;
    if (cpu === undefined) throw new Error('asked for cpu, got none');
    // Without the option the figures keep the shape they had.
    expect(collectTraffic(sim).report().services.one!.cpu).toBeUndefined();
    const readySince = sim.events().find((e) => e.type === 'container.ready')!.at;
    expect(cpu.mean! * sim.now).toBeCloseTo(succeeded * 10 * 500, 6);
    expect(cpu.utilization).toBeCloseTo((succeeded * 10) / (sim.now - readySince), 9);
    // About ρ = λS = 20/s × 10 ms = 0.2 (1,200 requests: the busy fraction's relative error is about 1/√1200 ≈ 3 %).
    expect(Math.abs(cpu.utilization! - 0.2)).toBeLessThan(4 * 0.2 * Math.sqrt(1 / 1200));
  });

  it('puts every request sent, answered and failed in its interval, and the intervals add up to the totals', () => {
    const sim = createSimulation(web(), { eventLog: { keep: 'all' } });
    const answeredAt: number[] = [];
    sim.observeTraffic({ sent: () => {}, answered: (_r, source) => source !== null && answeredAt.push(sim.now) });
    const collector = collectTraffic(sim, { sampleEvery: 5000 });
    sim.run('90s');
    const { series, sources } = collector.report();
    expect(series.map((s) => s.at)).toEqual(Array.from({ length: 18 }, (_, k) => (k + 1) * 5000));
    expect(total(series.map((s) => s.sent))).toBe(sources.users!.sent);
    expect(total(series.map((s) => s.succeeded))).toBe(sources.users!.succeeded);
    // An interval holds what happened from its start (included) to its end (excluded).
    const inInterval = (at: number, k: number) => at >= k * 5000 && at < (k + 1) * 5000;
    for (const [k, s] of series.entries()) {
      expect(s.succeeded).toBe(answeredAt.filter((at) => inInterval(at, k)).length);
    }
    const failures = sim.events().filter((e) => e.type === 'request.failed');
    for (const cause of FAILURE_CAUSES) {
      expect(total(series.map((s) => s.failed[cause])), cause).toBe(sources.users!.failed[cause]);
      for (const [k, s] of series.entries()) {
        expect(s.failed[cause]).toBe(failures.filter((e) => e.cause === cause && inInterval(e.at, k)).length);
      }
    }
    // The failover's spike: requests refused by the crashed replica, in the interval of the crash only.
    const spike = series.findIndex((s) => s.failed['stale-endpoint'] > 0);
    expect(series[spike]!.at).toBe(65_000);
    expect(series.filter((s) => s.failed['stale-endpoint'] > 0)).toHaveLength(1);
  });

  it('gives each interval the latency percentiles of the requests answered in it', () => {
    const sim = createSimulation(web());
    const answered: Array<{ at: number; latency: number }> = [];
    sim.observeTraffic({
      sent: () => {},
      answered: (_r, source, latency) => source !== null && answered.push({ at: sim.now, latency }),
    });
    const collector = collectTraffic(sim, { sampleEvery: 10_000 });
    sim.run('2m');
    const { series } = collector.report();
    expect(series).toHaveLength(12);
    series.forEach((s, k) => {
      const mine = answered.filter((a) => a.at >= k * 10_000 && a.at < (k + 1) * 10_000).map((a) => a.latency);
      mine.sort((a, b) => a - b);
      // Nearest rank; HDR keeps 3 significant digits (0.1%) plus its 1 µs resolution.
      for (const [p, value] of [
        [50, s.p50],
        [90, s.p90],
        [99, s.p99],
      ] as const) {
        const exact = mine[Math.ceil((p / 100) * mine.length) - 1]!;
        expect(Math.abs(value! - exact), `interval ${k}, p${p}`).toBeLessThanOrEqual(exact * 1e-3 + 1e-3);
      }
    });
  });

  it('gives null percentiles to an interval in which nothing was answered', () => {
    // Nothing is an endpoint in the first second: every request fails with no-endpoint.
    const sim = createSimulation(web());
    const collector = collectTraffic(sim, { sampleEvery: 500 });
    sim.run('5s');
    const first = collector.report().series[0]!;
    expect(first).toMatchObject({ at: 500, succeeded: 0, p50: null, p90: null, p99: null, inFlight: 0 });
    expect(first.failed['no-endpoint']).toBe(first.sent);
  });

  it('keeps the requests in flight as interval means whose integral is the time requests spent in flight', () => {
    // No crash: the only failures (no-endpoint, before the first sync) take no time, so the in-flight
    // integral is exactly the sum of the answered requests' latencies once everything is answered.
    const sim = createSimulation(web({ faults: [] }));
    let latencies = 0;
    sim.observeTraffic({
      sent: () => {},
      answered: (_r, source, latency) => {
        if (source !== null) latencies += latency;
      },
    });
    const collector = collectTraffic(sim, { sampleEvery: 7000 });
    sim.run();
    const { series, sources } = collector.report();
    expect(sources.users!.inFlight).toBe(0);
    let integral = 0;
    let start = 0;
    for (const s of series) {
      integral += s.inFlight * (s.at - start);
      start = s.at;
    }
    expect(integral).toBeCloseTo(latencies, 3);
    // Little's law over the load: mean in flight = throughput × mean latency.
    expect(integral / 120_000).toBeCloseTo((sources.users!.throughput! * sources.users!.latency.mean!) / 1000, 1);
  });

  it('ends the series with the partial interval up to the report, and can report again', () => {
    const sim = createSimulation(web());
    const collector = collectTraffic(sim, { sampleEvery: 4000 });
    sim.run('10s');
    const early = collector.report();
    expect(early.series.map((s) => s.at)).toEqual([4000, 8000, 10_000]);
    sim.run('12s');
    const later = collector.report();
    expect(later.series.map((s) => s.at)).toEqual([4000, 8000, 12_000]);
    expect(later.series.slice(0, 2)).toEqual(early.series.slice(0, 2));
    expect(later.series[2]!.sent).toBeGreaterThan(early.series[2]!.sent);
  });

  it('counts from its creation only when created mid-run', () => {
    const sim = createSimulation(web({ faults: [] }));
    sim.run('30s');
    const before = sim.traffic();
    const collector = collectTraffic(sim);
    sim.run('1m');
    const after = sim.traffic();
    const report = collector.report();
    expect(report.window).toMatchObject({ from: 30_000, to: 60_000, loadMs: 30_000 });
    expect(report.sources.users!.sent).toBe(after.sources.users!.sent - before.sources.users!.sent);
    expect(report.sources.users!.succeeded).toBe(after.sources.users!.succeeded - before.sources.users!.succeeded);
    expect(report.sources.users!.latency.count).toBe(report.sources.users!.succeeded);
    expect(report.sources.users!.failedTotal).toBe(0);
    const served = report.services.web!.served;
    for (const [replica, n] of Object.entries(after.services.web!.served)) {
      expect(served[replica]).toBe(n - (before.services.web!.served[replica] ?? 0));
    }
    expect(total(report.series.map((s) => s.sent))).toBe(report.sources.users!.sent);
  });

  it('adds up a service’s request types, calls from other services among them', () => {
    const sim = createSimulation(
      web({
        services: {
          web: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { concurrency: 8 } },
          db: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } }, serving: { concurrency: 8 } },
        },
        requests: {
          get: { service: 'web', serviceTime: { dist: 'constant', value: '5ms' }, calls: ['lookup'] },
          put: { service: 'db', serviceTime: { dist: 'constant', value: '1ms' } },
          lookup: { service: 'db', serviceTime: { dist: 'constant', value: '2ms' } },
        },
        load: [
          { name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 50 } },
          { name: 'writers', request: 'put', arrivals: { process: 'poisson', rate: 20 } },
        ],
        faults: [],
      }),
    );
    const collector = collectTraffic(sim);
    sim.run();
    const report = collector.report();
    const traffic = sim.traffic();
    const db = report.services.db!;
    expect(db.requests).toEqual(['put', 'lookup']);
    expect(db.sent).toBe(traffic.requests.put!.sent + traffic.requests.lookup!.sent);
    expect(db.succeeded).toBe(traffic.requests.put!.succeeded + traffic.requests.lookup!.succeeded);
    expect(db.latency.count).toBe(db.succeeded);
    // The lookups take 2 ms, the puts 1 ms: the service's latency mixes both.
    const mixed = new LatencyHistogram();
    mixed.recordMany(1, traffic.requests.put!.succeeded);
    mixed.recordMany(2, traffic.requests.lookup!.succeeded);
    expect(db.latency.mean).toBeCloseTo(mixed.mean(), 6);
    // A source's latency is its own request type's.
    const writers = traffic.sources.writers!.latency;
    expect(report.sources.writers!.latency).toEqual({ ...writers, mean: expect.closeTo(writers.mean, 9) });
    // The series are every source together.
    expect(total(report.series.map((s) => s.sent))).toBe(report.sources.users!.sent + report.sources.writers!.sent);
  });

  it('reports nothing for a scenario without requests, and refuses a bad interval', () => {
    const sim = createSimulation({ horizon: '1m', hosts: [{ group: 'node', count: 1, capacity: { cpu: '1' } }] });
    const collector = collectTraffic(sim);
    sim.run();
    const report = collector.report();
    expect(report.sources).toEqual({});
    expect(report.services).toEqual({});
    expect(report.series.every((s) => s.sent === 0 && s.inFlight === 0)).toBe(true);
    expect(() => collectTraffic(sim, { sampleEvery: 0 })).toThrow(
      /expected a finite number of ms > 0, got 0\n\s+→ at sampleEvery/,
    );
  });
});
