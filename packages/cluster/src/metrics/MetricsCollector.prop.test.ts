import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { HostState } from '../hosts/Host.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import type { ClusterMetrics, SeriesPoint } from './ClusterMetrics.js';
import { collectMetrics } from './MetricsCollector.js';

// The collector keeps its figures incrementally; this recomputes every one of them from the full
// event log, rescanning every host after every event, on random clusters, workloads, host state
// changes and scale-downs, and checks that both agree.

const END = 120_000;
const STATES: HostState[] = ['ready', 'not-ready', 'cordoned', 'down'];
const STRATEGIES = ['first-fit', 'best-fit', 'worst-fit', 'kubernetes'];

interface Case {
  scenario: ScenarioInput;
  ops: Array<{ at: number; host: number; state: HostState } | { at: number; replicas: number }>;
  sampleEvery: number;
  exhaustedAt: number;
}

const hostGroup = fc.record({
  count: fc.integer({ min: 1, max: 3 }),
  cpu: fc.integer({ min: 1, max: 8 }),
  memoryGi: fc.integer({ min: 1, max: 16 }),
  gpu: fc.constantFrom(0, 0, 2),
  maxContainers: fc.integer({ min: 1, max: 6 }),
  hourlyCost: fc.constantFrom(0, 0.5, 1.25, 3),
});
const task = fc.record({
  count: fc.integer({ min: 1, max: 6 }),
  cpu: fc.integer({ min: 0, max: 4000 }),
  memory: fc.integer({ min: 0, max: 8192 }),
  gpu: fc.constantFrom(0, 0, 0, 1),
  priority: fc.integer({ min: 0, max: 2 }),
  duration: fc.integer({ min: 1000, max: 60_000 }),
  at: fc.integer({ min: 0, max: 60_000 }),
  startup: fc.constantFrom(0, 0, 500, 3000),
});

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    groups: fc.array(hostGroup, { minLength: 1, maxLength: 3 }),
    tasks: fc.array(task, { minLength: 1, maxLength: 4 }),
    replicas: fc.integer({ min: 0, max: 5 }),
    serviceCpu: fc.integer({ min: 100, max: 3000 }),
    pinned: fc.array(fc.record({ host: fc.nat(), cpu: fc.integer({ min: 0, max: 6000 }), at: fc.nat(60_000) }), {
      maxLength: 3,
    }),
    stateOps: fc.array(
      fc.record({ at: fc.integer({ min: 1, max: END - 1 }), host: fc.nat(), state: fc.constantFrom(...STATES) }),
      { maxLength: 4 },
    ),
    scaleOps: fc.array(
      fc.record({ at: fc.integer({ min: 1, max: END - 1 }), replicas: fc.integer({ min: 0, max: 5 }) }),
      {
        maxLength: 2,
      },
    ),
    strategy: fc.constantFrom(...STRATEGIES),
    preemption: fc.boolean(),
    sampleEvery: fc.constantFrom(1000, 7000, 30_000, 45_000),
    exhaustedAt: fc.constantFrom(1, 0.9, 0.5),
    seed: fc.nat(1000),
  })
  .map((g) => {
    const hosts = g.groups.map((h, i) => ({
      group: `g${i}`,
      count: h.count,
      capacity: { cpu: `${h.cpu}`, memory: `${h.memoryGi}Gi`, ...(h.gpu > 0 ? { gpu: h.gpu } : {}) },
      maxContainers: h.maxContainers,
      hourlyCost: h.hourlyCost,
    }));
    const names = g.groups.flatMap((h, i) => Array.from({ length: h.count }, (_, k) => `g${i}-${k}`));
    const scenario: ScenarioInput = {
      seed: g.seed,
      scheduler: { strategy: g.strategy, preemption: g.preemption },
      hosts,
      services: {
        web: { replicas: g.replicas, template: { requests: { cpu: `${g.serviceCpu}m`, memory: '512Mi' } } },
      },
      jobs: {
        batch: {
          tasks: g.tasks.map((t) => ({
            count: t.count,
            requests: { cpu: `${t.cpu}m`, memory: `${t.memory}Mi`, ...(t.gpu > 0 ? { gpu: t.gpu } : {}) },
            priority: t.priority,
            duration: t.duration,
            at: t.at,
            startup: t.startup,
          })),
        },
      },
      containers: g.pinned.map((p, i) => ({
        name: `pinned-${i}`,
        host: names[p.host % names.length]!,
        requests: { cpu: `${p.cpu}m` },
        at: p.at,
        duration: 20_000,
      })),
    };
    const ops: Case['ops'] = [
      ...g.stateOps.map((o) => ({ at: o.at, host: o.host % names.length, state: o.state })),
      ...g.scaleOps,
    ].sort((a, b) => a.at - b.at);
    return { scenario, ops, sampleEvery: g.sampleEvery, exhaustedAt: g.exhaustedAt };
  });

function runCase(c: Case): { sim: Simulation; report: ClusterMetrics } {
  const sim = createSimulation(c.scenario);
  const metrics = collectMetrics(sim, { sampleEvery: c.sampleEvery, exhaustedAt: c.exhaustedAt });
  for (const op of c.ops) {
    sim.run(op.at);
    if ('state' in op) sim.setHostState(sim.cluster.hosts[op.host]!.name, op.state);
    else
      sim.update((d) => {
        d.services.web!.replicas = op.replicas;
      });
  }
  sim.run(END);
  return { sim, report: metrics.report() };
}

/** Every figure of the report, recomputed from the event log by rescanning every host after every event. */
function bruteForce(sim: Simulation, events: readonly ClusterEvent[], end: number, c: Case) {
  const hosts = sim.cluster.hosts;
  const R = sim.resources.size;
  const state = new Map<string, string>(hosts.map((h) => [h.name, 'ready']));
  const onHost = new Map<string, Set<string>>(hosts.map((h) => [h.name, new Set()]));
  const holding = new Map<string, string>();
  const createdAt = new Map<string, number>();
  const scheduled = new Set<string>();
  const withdrawn = new Set<string>();
  const waits: number[] = [];
  let attempts = 0;
  let preemptions = 0;

  // Signals: used, allocated[R], stranded[R], powered, poweredCost, usedCost.
  const measure = (): number[] => {
    const v = new Array<number>(2 * R + 4).fill(0);
    for (const h of hosts) {
      const names = onHost.get(h.name)!;
      const alloc = new Array<number>(R).fill(0);
      for (const n of names) for (let r = 0; r < R; r++) alloc[r]! += sim.container(n)!.requests[r]!;
      const st = state.get(h.name)!;
      if (names.size > 0) {
        v[0]! += 1;
        v[2 * R + 3]! += h.hourlyCost;
      }
      for (let r = 0; r < R; r++) v[1 + r]! += alloc[r]!;
      if (st !== 'down') {
        v[2 * R + 1]! += 1;
        v[2 * R + 2]! += h.hourlyCost;
      }
      if (st !== 'ready') continue;
      const exhausted = (s: number) => h.capacity[s]! > 0 && alloc[s]! >= c.exhaustedAt * (1 - 1e-9) * h.capacity[s]!;
      for (let r = 0; r < R; r++) {
        if (!(h.capacity[r]! > 0)) continue;
        let blocked = names.size >= h.maxContainers;
        for (let s = 0; s < R; s++) if (s !== r && exhausted(s)) blocked = true;
        if (blocked) v[1 + R + r]! += Math.max(0, h.capacity[r]! - alloc[r]!);
      }
    }
    return v;
  };

  const segments: Array<{ from: number; to: number; v: number[] }> = [];
  let v = measure();
  const peak = v.slice();
  let last = 0;
  for (const e of events) {
    if (e.at > last) {
      segments.push({ from: last, to: e.at, v });
      last = e.at;
    }
    switch (e.type) {
      case 'container.created':
        createdAt.set(e.container, e.at);
        break;
      case 'placement.rejected':
        attempts += 1;
        break;
      case 'container.preempted':
        preemptions += 1;
        break;
      case 'container.scheduled':
        if (sim.container(e.container)!.spec.pinnedHost === undefined) attempts += 1;
        scheduled.add(e.container);
        waits.push(e.at - createdAt.get(e.container)!);
        holding.set(e.container, e.host);
        onHost.get(e.host)!.add(e.container);
        break;
      case 'container.succeeded':
      case 'container.evicted':
      case 'container.failed':
        if (holding.has(e.container)) {
          onHost.get(holding.get(e.container)!)!.delete(e.container);
          holding.delete(e.container);
        } else if (!scheduled.has(e.container)) withdrawn.add(e.container);
        break;
      case 'host.state':
        state.set(e.host, e.to);
        break;
      default:
        break;
    }
    v = measure();
    for (let i = 0; i < v.length; i++) peak[i] = Math.max(peak[i]!, v[i]!);
  }
  if (end > last) segments.push({ from: last, to: end, v });

  const integral = (i: number, from: number, to: number) => {
    let sum = 0;
    for (const s of segments) {
      const lo = Math.max(s.from, from);
      const hi = Math.min(s.to, to);
      if (hi > lo) sum += s.v[i]! * (hi - lo);
    }
    return sum;
  };
  const series = (i: number, scale: number): SeriesPoint[] => {
    const out: SeriesPoint[] = [];
    for (let k = 1; (k - 1) * c.sampleEvery < end; k++) {
      const from = (k - 1) * c.sampleEvery;
      const to = Math.min(k * c.sampleEvery, end);
      out.push({ at: to, value: integral(i, from, to) / (to - from) / scale });
    }
    return out;
  };
  const pendingNow = [...createdAt].filter(([n]) => !scheduled.has(n) && !withdrawn.has(n));
  const sorted = waits.slice().sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return {
    v,
    peak,
    integral: (i: number) => integral(i, 0, end),
    series,
    waits: sorted,
    rank,
    attempts,
    preemptions,
    placements: scheduled.size,
    unplaced: {
      pendingAtEnd: pendingNow.length,
      oldestWait: pendingNow.length === 0 ? null : end - Math.min(...pendingNow.map(([, t]) => t)),
      withdrawn: withdrawn.size,
    },
  };
}

function close(actual: number | null | undefined, expected: number, what: string): void {
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  if (actual === null || actual === undefined || !(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`${what}: expected ${expected}, got ${actual}`);
  }
}

describe('MetricsCollector against a brute-force replay of the event log', () => {
  it('agrees on every figure', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { sim, report: m } = runCase(c);
        const b = bruteForce(sim, sim.events(), END, c);
        const R = sim.resources.size;
        const hours = 3_600_000;

        expect(m.window).toEqual({ from: 0, to: END, sampleEvery: c.sampleEvery });
        expect(m.hosts.total).toBe(sim.cluster.hosts.length);
        expect(m.hosts.usedAtEnd).toBe(b.v[0]);
        expect(m.hosts.peakUsed).toBe(b.peak[0]);
        close(m.hosts.timeWeightedUsed, b.integral(0) / END, 'hosts.timeWeightedUsed');
        const expectSeries = (actual: readonly SeriesPoint[], expected: SeriesPoint[], what: string) => {
          expect(actual.map((p) => p.at)).toEqual(expected.map((p) => p.at));
          for (let k = 0; k < actual.length; k++) close(actual[k]!.value, expected[k]!.value, `${what}[${k}]`);
        };
        expectSeries(m.hosts.series, b.series(0, 1), 'hosts.series');

        for (let r = 0; r < R; r++) {
          const name = sim.resources.names[r]!;
          let cap = 0;
          for (const h of sim.cluster.hosts) cap += h.capacity[r]!;
          if (cap === 0) {
            expect(m.capacity[name]).toBeUndefined();
            continue;
          }
          expect(m.capacity[name]).toBe(cap);
          for (const [kind, i] of [
            ['allocation', 1 + r],
            ['stranded', 1 + R + r],
          ] as const) {
            const got = m[kind][name]!;
            close(got.timeWeightedMean, b.integral(i) / END / cap, `${kind}.${name}.timeWeightedMean`);
            close(got.atEnd, b.v[i]! / cap, `${kind}.${name}.atEnd`);
            close(got.peak, b.peak[i]! / cap, `${kind}.${name}.peak`);
            expectSeries(got.series, b.series(i, cap), `${kind}.${name}.series`);
          }
        }

        expect(m.pending.count).toBe(b.waits.length);
        if (b.waits.length === 0) expect(m.pending).toMatchObject({ mean: null, p50: null, p99: null, max: null });
        else {
          close(m.pending.mean, b.waits.reduce((s, w) => s + w, 0) / b.waits.length, 'pending.mean');
          expect(m.pending.max).toBe(b.waits[b.waits.length - 1]);
          for (const [p, got] of [
            [50, m.pending.p50],
            [90, m.pending.p90],
            [99, m.pending.p99],
          ] as const) {
            const exact = b.rank(p);
            // HDR leans high, within 0.1% (+ its 1 µs resolution).
            expect(got).toBeGreaterThanOrEqual(exact);
            expect(got).toBeLessThanOrEqual(exact * 1.001 + 0.001);
          }
        }
        expect(m.unplaced).toEqual(b.unplaced);
        expect(m.scheduling).toEqual({ attempts: b.attempts, preemptions: b.preemptions, placements: b.placements });

        close(m.cost.hostHours, b.integral(2 * R + 1) / hours, 'cost.hostHours');
        close(m.cost.dollars, b.integral(2 * R + 2) / hours, 'cost.dollars');
        close(m.cost.usedHostHours, b.integral(0) / hours, 'cost.usedHostHours');
        close(m.cost.usedDollars, b.integral(2 * R + 3) / hours, 'cost.usedDollars');
      }),
      { seed: 20_240_611, numRuns: 150 },
    );
  });
});
