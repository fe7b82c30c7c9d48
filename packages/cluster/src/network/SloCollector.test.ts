import { describe, expect, it } from 'vitest';
import { nearestRank } from '../metrics/nearestRank.js';
import { parseScenario } from '../scenario/parseScenario.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { collectSlo } from './SloCollector.js';
import type { TrafficObserver } from './TrafficObserver.js';

/** One replica answering `get` one at a time, Poisson arrivals: a queue whose tail grows with the rate. */
function web(rate: number, slo: NonNullable<ScenarioInput['services']>[string]['slo'], overrides = {}): ScenarioInput {
  return {
    seed: 7,
    horizon: '10m',
    hosts: [{ name: 'node', capacity: { cpu: '4', memory: '8Gi' } }],
    services: {
      web: {
        replicas: 1,
        template: { requests: { cpu: '1', memory: '1Gi' } },
        serving: { concurrency: 1, queue: 20 },
        slo,
      },
    },
    requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '100ms' } } },
    load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate } }],
    ...overrides,
  };
}

/** Every latency and failure of `web`'s requests, with its time, heard through the same hook. */
function recordAll(sim: ReturnType<typeof createSimulation>) {
  const answered: Array<[number, number]> = [];
  const failed: number[] = [];
  const observer: TrafficObserver = {
    sent() {},
    answered: (_request, _source, latency) => answered.push([sim.now, latency]),
    failed: () => failed.push(sim.now),
  };
  sim.observeTraffic(observer);
  return { answered, failed };
}

describe('SloCollector', () => {
  it('judges each window as a sort of its latencies would: the nearest-rank percentile against the threshold', () => {
    // ρ = 0.7: the time in an M/M/1 system is exponential with mean 0.1 / 0.3 s, its p95 0.333 × ln 20 ≈ 1.0 s,
    // so about half the minutes break p95 ≤ 1 s.
    const sim = createSimulation(web(7, { latency: { percentile: 95, threshold: '1s' }, errorRatio: 0.01 }));
    const slo = collectSlo(sim);
    const seen = recordAll(sim);
    sim.run();
    const report = slo.report().services.web!;
    // The same judgement by brute force: bucket by minute, sort, take the nearest rank.
    let windows = 0;
    let latencyViolations = 0;
    let errorViolations = 0;
    let violations = 0;
    for (let w = 0; w < 10; w++) {
      const inside = (t: number) => t >= w * 60_000 && t < (w + 1) * 60_000;
      const lat = seen.answered.filter(([t]) => inside(t)).map(([, l]) => l);
      lat.sort((a, b) => a - b);
      const failed = seen.failed.filter(inside).length;
      if (lat.length + failed === 0) continue;
      windows += 1;
      const slow = lat.length > 0 && lat[Math.ceil(0.95 * lat.length) - 1]! > 1000;
      const failing = failed > 0.01 * (lat.length + failed);
      if (slow) latencyViolations += 1;
      if (failing) errorViolations += 1;
      if (slow || failing) violations += 1;
    }
    expect(report).toMatchObject({ windows, latencyViolations, errorViolations, violations });
    expect(windows).toBe(10);
    expect(latencyViolations).toBeGreaterThan(0);
    expect(latencyViolations).toBeLessThan(10);
    expect(report.violationMinutes).toBe(violations);
    expect(report.answered).toBe(seen.answered.length);
    expect(report.failed).toBe(seen.failed.length);
    const over = seen.answered.filter(([, l]) => l > 1000).length;
    expect(report.overThreshold).toBe(over);
    expect(report.overThresholdFraction).toBe(over / seen.answered.length);
    expect(report.errorFraction).toBe(seen.failed.length / (seen.answered.length + seen.failed.length));
    // Spans cover exactly the violating minutes, consecutive ones merged.
    const spanMinutes = report.spans.reduce((sum, s) => sum + (s.to - s.from) / 60_000, 0);
    expect(spanMinutes).toBe(violations);
    for (let i = 1; i < report.spans.length; i++)
      expect(report.spans[i]!.from).toBeGreaterThan(report.spans[i - 1]!.to);
  });

  it('counts every answer slower than a constant service time: all windows violate, or none', () => {
    // Arrivals at 0.5/s, 1.5 s of work each: every latency is at least 1.5 s.
    const scenario = (threshold: string) =>
      web(
        0.5,
        { latency: { percentile: 50, threshold }, window: '2m' },
        {
          requests: { get: { service: 'web', serviceTime: { dist: 'constant', value: '1500ms' } } },
        },
      );
    const slow = createSimulation(scenario('1s'));
    const slowSlo = collectSlo(slow);
    slow.run();
    const s = slowSlo.report().services.web!;
    expect(s.windows).toBe(5);
    expect(s.violations).toBe(5);
    expect(s.violationMinutes).toBe(10);
    expect(s.spans).toEqual([{ from: 0, to: 600_000 }]);
    expect(s.overThresholdFraction).toBe(1);
    expect(s.errorFraction).toBe(0);
    const fast = createSimulation(scenario('1h'));
    const fastSlo = collectSlo(fast);
    fast.run();
    expect(fastSlo.report().services.web).toMatchObject({ windows: 5, violations: 0, overThreshold: 0, spans: [] });
  });

  it('breaks the error objective when a full queue refuses requests', () => {
    // Queue 0 and 20/s on one replica taking 100 ms: most requests are refused (queue-full).
    const sim = createSimulation(
      web(
        20,
        { errorRatio: 0.05 },
        {
          services: {
            web: {
              replicas: 1,
              template: { requests: { cpu: '1', memory: '1Gi' } },
              serving: { concurrency: 1, queue: 0 },
              slo: { errorRatio: 0.05 },
            },
          },
        },
      ),
    );
    const slo = collectSlo(sim);
    sim.run();
    const r = slo.report().services.web!;
    expect(r.windows).toBe(10);
    expect(r.errorViolations).toBe(10);
    expect(r.latencyViolations).toBe(0);
    expect(r.overThreshold).toBeNull();
    expect(r.errorFraction!).toBeGreaterThan(0.5);
  });

  it('hears nothing and reports nothing without an objective', () => {
    const sim = createSimulation(web(5, undefined));
    const slo = collectSlo(sim);
    sim.run();
    expect(slo.report().services).toEqual({});
  });

  it('judges the current window as far as it has got', () => {
    const sim = createSimulation(
      web(
        0.5,
        { latency: { percentile: 99, threshold: '1s' }, window: '10m' },
        {
          requests: { get: { service: 'web', serviceTime: { dist: 'constant', value: '2s' } } },
        },
      ),
    );
    const slo = collectSlo(sim);
    sim.run('3m');
    const r = slo.report().services.web!;
    expect(r.windows).toBe(1);
    expect(r.violationMinutes).toBe(3);
    expect(r.spans).toEqual([{ from: 0, to: 180_000 }]);
  });

  it('refuses a mid-run change of an objective, which the collector read at its creation', () => {
    const sim = createSimulation(web(5, { errorRatio: 0.01 }));
    expect(() =>
      sim.update((d) => {
        (d.services.web as { slo?: unknown }).slo = { errorRatio: 0.5 };
      }),
    ).toThrow(/'slo' is read when the simulation starts and cannot be changed mid-run[\s\S]*services\.web\.slo/);
    // Other changes of the service are taken as before.
    sim.update((d) => {
      d.services.web!.replicas = 2;
    });
    expect(sim.desired.services.web!.replicas).toBe(2);
  });

  it('takes the nearest rank without gaining one from binary fractions', () => {
    expect(nearestRank(99, 100)).toBe(99);
    expect(nearestRank(99.9, 1000)).toBe(999);
    expect(nearestRank(99, 101)).toBe(100);
    expect(nearestRank(50, 1)).toBe(1);
    expect(nearestRank(100, 7)).toBe(7);
    expect(nearestRank(0.001, 10)).toBe(1);
  });
});

describe('slo (scenario field)', () => {
  const base = (slo: unknown, requests = true): unknown => ({
    hosts: [{ name: 'node', capacity: { cpu: '4', memory: '8Gi' } }],
    horizon: '1m',
    services: { web: { replicas: 1, template: { requests: { cpu: '1', memory: '1Gi' } }, slo } },
    ...(requests
      ? {
          requests: { get: { service: 'web', serviceTime: { dist: 'constant', value: '10ms' } } },
          load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 1 } }],
        }
      : {}),
  });
  const issues = (input: unknown) => {
    try {
      parseScenario(input);
    } catch (e) {
      return (e as { issues: Array<{ path: string; message: string }> }).issues.map((i) => `${i.path}: ${i.message}`);
    }
    return [];
  };

  it('parses an objective with its defaults', () => {
    const s = parseScenario(base({ latency: { percentile: 99, threshold: '1s' } }));
    expect(s.services.web!.slo).toEqual({
      latency: { percentile: 99, thresholdMs: 1000 },
      errorRatio: null,
      windowMs: 60_000,
    });
  });

  it('names the field of every bad value', () => {
    expect(issues(base({ latency: { percentile: 99, threshold: 0 } }))).toEqual([
      'services.web.slo.latency.threshold: expected a latency threshold above 0, got 0',
    ]);
    expect(issues(base({ latency: { percentile: 0, threshold: '1s' } }))).toEqual([
      'services.web.slo.latency.percentile: expected a percentile above 0 and at most 100, got 0',
    ]);
    expect(issues(base({ latency: { percentile: 101, threshold: '1s' } }))).toEqual([
      'services.web.slo.latency.percentile: expected a percentile above 0 and at most 100, got 101',
    ]);
    expect(issues(base({ errorRatio: 1 }))).toEqual([
      'services.web.slo.errorRatio: expected a fraction of at least 0 and below 1, got 1',
    ]);
    expect(issues(base({ errorRatio: 0.01, window: '0s' }))).toEqual([
      'services.web.slo.window: expected a window above 0, got 0',
    ]);
    expect(issues(base({ window: '1m' }))).toEqual([
      "services.web.slo: give an objective: 'latency' ({ percentile, threshold }), 'errorRatio', or both",
    ]);
    expect(issues(base({ latency: { percentile: 99 } }))[0]).toMatch(/^services\.web\.slo\.latency\.threshold: /);
    expect(issues(base({ errorRatio: 0.01, budget: 3 }))[0]).toBe(
      "services.web.slo.budget: unknown key 'budget'; expected one of: latency, errorRatio, window",
    );
  });

  it('refuses an objective on a service that answers no request type', () => {
    expect(issues(base({ errorRatio: 0.01 }, false))).toEqual([
      "services.web.slo: service 'web' answers no request type, so an objective has no requests to judge: give it one in 'requests'",
    ]);
  });
});
