import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { collectMetrics } from './MetricsCollector.js';
import { MAX_SERIES_POINTS } from './sampleInterval.js';

describe('collectMetrics', () => {
  it('one 1-cpu container for 10 s on one of two 4-cpu hosts, over 20 s', () => {
    const sim = createSimulation({
      horizon: '20s',
      scheduler: { strategy: 'first-fit' },
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
      containers: [{ name: 'c', requests: { cpu: '1' }, duration: '10s' }],
    });
    const metrics = collectMetrics(sim, { sampleEvery: 5000 });
    sim.run();
    const m = metrics.report();
    expect(m.window).toEqual({ from: 0, to: 20_000, sampleEvery: 5000 });
    // 1 host used for 10 s of 20 s.
    expect(m.hosts).toEqual({
      total: 2,
      usedAtEnd: 0,
      peakUsed: 1,
      timeWeightedUsed: 0.5,
      series: [
        { at: 5000, value: 1 },
        { at: 10_000, value: 1 },
        { at: 15_000, value: 0 },
        { at: 20_000, value: 0 },
      ],
    });
    // No host has a gpu: gpu is left out.
    expect(m.capacity).toEqual({ cpu: 8000, memory: 16_384 });
    // 1000m × 10 s / (8000m × 20 s) = 0.0625; while it runs, 1000 / 8000 = 0.125.
    expect(m.allocation.cpu).toEqual({
      timeWeightedMean: 0.0625,
      atEnd: 0,
      peak: 0.125,
      series: [
        { at: 5000, value: 0.125 },
        { at: 10_000, value: 0.125 },
        { at: 15_000, value: 0 },
        { at: 20_000, value: 0 },
      ],
    });
    expect(m.allocation.memory).toMatchObject({ timeWeightedMean: 0, atEnd: 0, peak: 0 });
    expect(m.stranded.cpu).toMatchObject({ timeWeightedMean: 0, peak: 0 });
    expect(m.pending).toEqual({ count: 1, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
    expect(m.unplaced).toEqual({ pendingAtEnd: 0, oldestWait: null, withdrawn: 0 });
    expect(m.scheduling).toEqual({ attempts: 1, preemptions: 0, placements: 1 });
    // 2 hosts × 20 s = 40,000 host-ms; used 10,000 host-ms; hourlyCost defaults to 0.
    expect(m.cost).toEqual({
      hostHours: 40_000 / 3_600_000,
      usedHostHours: 10_000 / 3_600_000,
      dollars: 0,
      usedDollars: 0,
    });
  });

  it('series end with the partial interval up to the report, and the mean of a window is exact', () => {
    const sim = createSimulation({
      scheduler: { strategy: 'first-fit' },
      hosts: [{ name: 'a', capacity: { cpu: '4', memory: '8Gi' } }],
      containers: [{ name: 'c', requests: { cpu: '2' }, at: '3s', duration: '4s' }],
    });
    const metrics = collectMetrics(sim, { sampleEvery: 5000 });
    sim.run(12_000);
    const m = metrics.report();
    // Held 2000m of 4000m from 3 s to 7 s: (0..5] has 2 s of it, (5..10] 2 s, (10..12] none.
    expect(m.allocation.cpu!.series).toEqual([
      { at: 5000, value: 0.2 },
      { at: 10_000, value: 0.2 },
      { at: 12_000, value: 0 },
    ]);
    // 0.5 × 4 s / 12 s.
    expect(m.allocation.cpu!.timeWeightedMean).toBeCloseTo(1 / 6, 12);
  });

  it('pending times: five 1-cpu containers queue for one 1-cpu host, each running 10 s', () => {
    const sim = createSimulation({
      scheduler: { strategy: 'first-fit' },
      hosts: [{ name: 'a', capacity: { cpu: '1', memory: '1Gi' } }],
      jobs: { batch: { tasks: [{ count: 5, requests: { cpu: '1' }, duration: '10s' }] } },
    });
    const metrics = collectMetrics(sim);
    sim.run('1m');
    const m = metrics.report();
    // Placed at 0, 10, 20, 30, 40 s as the host frees up; the backoff (1 s doubling) has always passed.
    expect(m.pending.count).toBe(5);
    expect(m.pending.mean).toBe(20_000); // (0 + 10 + 20 + 30 + 40) / 5 s, exact
    expect(m.pending.max).toBe(40_000);
    // Nearest rank: p50 is the 3rd of 5 (20 s), p90 and p99 the 5th (40 s); within HDR's 0.1%.
    expect(m.pending.p50).toBeGreaterThanOrEqual(20_000);
    expect(m.pending.p50).toBeLessThanOrEqual(20_020);
    expect(m.pending.p90).toBe(40_000); // clamped to the exact max
    expect(m.pending.p99).toBe(40_000);
    // Container i is tried at 0 and at every release until it wins: 1 + 2 + 3 + 4 + 5 attempts.
    expect(m.scheduling).toEqual({ attempts: 15, preemptions: 0, placements: 5 });
    expect(m.unplaced).toEqual({ pendingAtEnd: 0, oldestWait: null, withdrawn: 0 });
  });

  it('counts containers that never got placed: still pending, and withdrawn before placement', () => {
    const sim = createSimulation({
      scheduler: { strategy: 'first-fit' },
      hosts: [{ name: 'a', capacity: { cpu: '1', memory: '1Gi' } }],
      services: { web: { replicas: 3, template: { requests: { cpu: '1' } } } },
      containers: [{ name: 'huge', requests: { cpu: '2' }, at: '5s' }],
    });
    const metrics = collectMetrics(sim);
    sim.run('10s');
    // Scaling down to 1 removes the two unplaced replicas first.
    sim.update((d) => {
      d.services.web!.replicas = 1;
    });
    sim.run('30s');
    const m = metrics.report();
    expect(m.unplaced).toEqual({ pendingAtEnd: 1, oldestWait: 25_000, withdrawn: 2 });
    expect(m.pending.count).toBe(1);
    expect(m.hosts.usedAtEnd).toBe(1);
  });

  it('counts a preemption and keeps the allocation through the swap', () => {
    const sim = createSimulation({
      scheduler: { strategy: 'kubernetes', preemption: true },
      hosts: [{ name: 'a', capacity: { cpu: '1', memory: '1Gi' } }],
      containers: [
        { name: 'low', requests: { cpu: '1' }, priority: 0 },
        { name: 'high', requests: { cpu: '1' }, priority: 100, at: '5s' },
      ],
    });
    const metrics = collectMetrics(sim);
    sim.run('10s');
    const m = metrics.report();
    expect(m.scheduling).toEqual({ attempts: 2, preemptions: 1, placements: 2 });
    expect(m.allocation.cpu).toMatchObject({ timeWeightedMean: 1, atEnd: 1, peak: 1 });
    expect(m.hosts).toMatchObject({ usedAtEnd: 1, peakUsed: 1, timeWeightedUsed: 1 });
    expect(sim.container('low')?.phase).toBe('evicted');
  });

  it('cost: billed while not down; used host-hours and dollars follow the containers', () => {
    const sim = createSimulation({
      scheduler: { strategy: 'first-fit' },
      hosts: [
        { name: 'a', capacity: { cpu: '4', memory: '8Gi' }, hourlyCost: 3 },
        { name: 'b', capacity: { cpu: '4', memory: '8Gi' }, hourlyCost: 5 },
      ],
      containers: [{ name: 'c', requests: { cpu: '1' }, duration: '30m' }],
    });
    const metrics = collectMetrics(sim);
    sim.run('1h');
    sim.setHostState('b', 'down');
    sim.run('2h');
    const m = metrics.report();
    // a: 2 h; b: 1 h before it went down.
    expect(m.cost.hostHours).toBeCloseTo(3, 12);
    expect(m.cost.dollars).toBeCloseTo(3 * 2 + 5 * 1, 12); // 11
    // c ran on a (first fit) for half an hour.
    expect(m.cost.usedHostHours).toBeCloseTo(0.5, 12);
    expect(m.cost.usedDollars).toBeCloseTo(1.5, 12);
  });

  describe('stranded capacity', () => {
    const hosts: ScenarioInput['hosts'] = [
      { name: 'a', capacity: { cpu: '4', memory: '8Gi' } },
      { name: 'b', capacity: { cpu: '4', memory: '8Gi' } },
    ];

    it('strands the memory of a host whose cpu is fully allocated', () => {
      const sim = createSimulation({
        scheduler: { strategy: 'first-fit' },
        hosts,
        containers: [{ name: 'cpu-hog', requests: { cpu: '4', memory: '1Gi' } }],
      });
      const metrics = collectMetrics(sim);
      sim.run('10s');
      const m = metrics.report();
      // 7 GiB free on a, of 16 GiB in the cluster; cpu is the exhausted resource, not a stranded one.
      expect(m.stranded.memory).toMatchObject({ timeWeightedMean: 7 / 16, atEnd: 7 / 16, peak: 7 / 16 });
      expect(m.stranded.cpu).toMatchObject({ timeWeightedMean: 0, atEnd: 0 });
    });

    it('counts a resource as exhausted from `exhaustedAt`', () => {
      const scenario: ScenarioInput = {
        scheduler: { strategy: 'first-fit' },
        hosts,
        containers: [{ name: 'c', requests: { cpu: '3', memory: '1Gi' } }],
      };
      const strict = createSimulation(scenario);
      const strictMetrics = collectMetrics(strict);
      strict.run('10s');
      expect(strictMetrics.report().stranded.memory!.atEnd).toBe(0);
      // 3 of 4 cpu is 75 % allocated: exhausted at 0.75, so a's 7 GiB free memory is stranded.
      const loose = createSimulation(scenario);
      const looseMetrics = collectMetrics(loose, { exhaustedAt: 0.75 });
      loose.run('10s');
      const m = looseMetrics.report();
      expect(m.stranded.memory!.atEnd).toBe(7 / 16);
      // cpu's own free 1000m is not stranded: memory is not exhausted.
      expect(m.stranded.cpu!.atEnd).toBe(0);
    });

    it('strands everything free on a host whose container slots are all taken', () => {
      const sim = createSimulation({
        scheduler: { strategy: 'first-fit' },
        hosts: [{ name: 'a', capacity: { cpu: '4', memory: '8Gi' }, maxContainers: 1 }],
        containers: [{ name: 'c', requests: { cpu: '1', memory: '2Gi' } }],
      });
      const metrics = collectMetrics(sim);
      sim.run('10s');
      const m = metrics.report();
      expect(m.stranded.cpu!.atEnd).toBe(3 / 4);
      expect(m.stranded.memory!.atEnd).toBe(6 / 8);
    });

    it('counts only ready hosts, and follows host state changes over time', () => {
      const sim = createSimulation({
        scheduler: { strategy: 'first-fit' },
        hosts,
        containers: [{ name: 'cpu-hog', requests: { cpu: '4', memory: '1Gi' } }],
      });
      const metrics = collectMetrics(sim, { sampleEvery: 10_000 });
      sim.run('10s');
      sim.setHostState('a', 'cordoned');
      sim.run('20s');
      const m = metrics.report();
      // 7/16 for the first 10 s, 0 for the next 10 s.
      expect(m.stranded.memory!.series).toEqual([
        { at: 10_000, value: 7 / 16 },
        { at: 20_000, value: 0 },
      ]);
      expect(m.stranded.memory!.timeWeightedMean).toBe(7 / 32);
    });
  });

  it('is deterministic: the same seed gives an identical report', () => {
    const scenario: ScenarioInput = {
      seed: 11,
      horizon: '5m',
      hosts: [{ group: 'node', count: 5, capacity: { cpu: '4', memory: '8Gi' }, hourlyCost: 0.2 }],
      services: { web: { replicas: 12, template: { requests: { cpu: '1500m', memory: '1Gi' } } } },
      jobs: { batch: { tasks: [{ count: 20, requests: { cpu: '700m', memory: '3Gi' }, duration: '40s', at: '10s' }] } },
    };
    const once = () => {
      const sim = createSimulation(scenario);
      const metrics = collectMetrics(sim);
      sim.run();
      return JSON.stringify(metrics.report());
    };
    const a = once();
    expect(once()).toBe(a);
    expect(JSON.parse(a).hosts.series).toHaveLength(200);
  });

  it('lets run() without a horizon finish: it puts nothing on the agenda', () => {
    const sim = createSimulation({
      hosts: [{ name: 'a', capacity: { cpu: '1', memory: '1Gi' } }],
      containers: [{ name: 'c', requests: { cpu: '1' }, duration: '90s' }],
    });
    const metrics = collectMetrics(sim);
    sim.run();
    const m = metrics.report();
    expect(m.window).toEqual({ from: 0, to: 90_000, sampleEvery: 60_000 });
    expect(m.hosts.series).toEqual([
      { at: 60_000, value: 1 },
      { at: 90_000, value: 1 },
    ]);
  });

  it('rejects bad options, naming the option', () => {
    const sim = createSimulation({ hosts: [{ name: 'a', capacity: { cpu: '1' } }] });
    expect(() => collectMetrics(sim, { sampleEvery: 0 })).toThrow(ConfigError);
    expect(() => collectMetrics(sim, { sampleEvery: Number.NaN })).toThrow(/sampleEvery/);
    expect(() => collectMetrics(sim, { exhaustedAt: 1.5 })).toThrow(/exhaustedAt/);
  });

  it('counts a host that joins mid-run from its joining, and a container placed on it', () => {
    const sim = createSimulation({
      horizon: '2h',
      scheduler: { strategy: 'first-fit' },
      hosts: [{ name: 'a', capacity: { cpu: '1', memory: '4Gi' }, hourlyCost: 1 }],
      containers: [
        { name: 'c0', requests: { cpu: '1' } },
        { name: 'c1', requests: { cpu: '1' } },
      ],
    });
    const metrics = collectMetrics(sim, { sampleEvery: 3_600_000 });
    sim.env.schedule(3_600_000, () => sim.addHost({ name: 'b', capacity: { cpu: '1', memory: '4Gi' }, hourlyCost: 3 }));
    sim.run();
    const m = metrics.report();
    // a for 2 h at 1, b for the second hour at 3; c1 waits an hour for b.
    expect(m.cost).toEqual({ hostHours: 3, usedHostHours: 3, dollars: 5, usedDollars: 5 });
    expect(m.hosts.total).toBe(2);
    expect(m.hosts.series.map((p) => p.value)).toEqual([1, 2]);
    expect(m.capacity.cpu).toBe(2000);
  });
});

describe('series over a run far past its horizon', () => {
  // Issue 15: `horizon: 1ms` run for 30 min sampled every 5 µs, 360 million points: out of memory.
  it('keeps at most MAX_SERIES_POINTS points, merging pairs exactly as the interval doubles', () => {
    const sim = createSimulation({
      horizon: '1ms',
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
      containers: [
        { name: 'a', requests: { cpu: '1' }, duration: '7m' },
        { name: 'b', requests: { cpu: '2' }, at: '11m', duration: '3m' },
      ],
    });
    const metrics = collectMetrics(sim);
    const given = collectMetrics(sim, { sampleEvery: 0.005 });
    sim.run('30m');
    for (const m of [metrics.report(), given.report()]) {
      const series = m.allocation.cpu!.series;
      expect(series.length).toBeLessThanOrEqual(MAX_SERIES_POINTS + 1);
      expect(series.length).toBeGreaterThan(MAX_SERIES_POINTS / 2);
      // Each point is the mean of its interval: weighted by the intervals, they give the exact mean.
      let weighted = 0;
      let previous = 0;
      for (const p of series) {
        weighted += p.value * (p.at - previous);
        previous = p.at;
      }
      // (1000 m × 7 min + 2000 m × 3 min) / (8000 m × 30 min) = 13 / 240.
      expect(weighted / 1_800_000).toBeCloseTo(13 / 240, 12);
      expect(m.allocation.cpu!.timeWeightedMean).toBeCloseTo(13 / 240, 12);
      // The interval doubled from 1/200 ms: 1,800,000 ms in at most 4096 intervals.
      expect(m.window.sampleEvery).toBe(0.005 * 2 ** Math.ceil(Math.log2(1_800_000 / 0.005 / MAX_SERIES_POINTS)));
    }
  });
});
