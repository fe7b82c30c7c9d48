import { ConfigError } from '@berth/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectMetrics } from '../metrics/MetricsCollector.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';

/** One strategy per kind of index kept over free capacity: capacity index, leftover index, score caches, plain order. */
const STRATEGIES = ['first-fit', 'best-fit', 'worst-fit', 'kubernetes', 'swarm-spread'] as const;

describe('Simulation.resizeHost', () => {
  it('a host that grows places a waiting container at once, with every strategy', () => {
    for (const strategy of STRATEGIES) {
      const sim = createSimulation({
        scheduler: { strategy },
        hosts: [{ name: 'a', capacity: { cpu: '1000m', memory: '1Gi' } }],
        containers: [{ name: 'big', requests: { cpu: '2000m', memory: '512Mi' } }],
      }).run('30s');
      expect(sim.container('big')!.phase, strategy).toBe('pending');
      sim.resizeHost('a', { cpu: '4000m' });
      sim.run('31s');
      expect(sim.container('big')!.host?.name, strategy).toBe('a');
      expect(sim.container('big')!.scheduledAt, strategy).toBe(30_000);
      // Memory was not named: it keeps its 1 GiB.
      expect([...sim.cluster.hostsByName.get('a')!.capacity.slice(0, 2)], strategy).toEqual([4000, 1024]);
    }
  });

  it('a host that shrinks below what it holds keeps it running, takes nothing new, and later placements go elsewhere', () => {
    for (const strategy of STRATEGIES) {
      const sim = createSimulation({
        scheduler: { strategy },
        hosts: [
          { name: 'a', capacity: { cpu: '4000m', memory: '4Gi' } },
          { name: 'b', capacity: { cpu: '2000m', memory: '2Gi' } },
        ],
        containers: [
          { name: 'held', host: 'a', requests: { cpu: '3000m', memory: '1Gi' } },
          { name: 'next', at: '2s', requests: { cpu: '500m', memory: '256Mi' } },
        ],
      }).run('1s');
      sim.resizeHost('a', { cpu: '2000m', memory: '2Gi' });
      sim.run('1m');
      // No eviction for a smaller allocatable: the kubelet evicts on measured pressure only.
      expect(sim.container('held')!.phase, strategy).toBe('running');
      expect(sim.events().filter((e) => e.type === 'container.evicted')).toEqual([]);
      // 'a' is over-committed on cpu (3000m of 2000m): 'next' fits only on 'b'.
      expect(sim.container('next')!.host?.name, strategy).toBe('b');
      expect(sim.cluster.free[0], strategy).toBe(-1000);
    }
  });

  it('records host.resized with the new capacity, and the metrics count the new capacity', () => {
    const sim = createSimulation({
      hosts: [{ name: 'a', capacity: { cpu: '1000m', memory: '1Gi' } }],
      containers: [{ name: 'x', requests: { cpu: '1000m', memory: '512Mi' } }],
    });
    const metrics = collectMetrics(sim);
    sim.run('1s');
    expect(metrics.report().allocation.cpu!.atEnd).toBe(1);
    sim.resizeHost('a', { cpu: '4000m', memory: '2Gi' });
    expect(sim.events().filter((e) => e.type === 'host.resized')).toEqual([
      { at: 1000, type: 'host.resized', host: 'a', capacity: { cpu: 4000, memory: 2048 } },
    ]);
    const report = metrics.report();
    expect(report.capacity).toMatchObject({ cpu: 4000, memory: 2048 });
    // 1000m of 4000m.
    expect(report.allocation.cpu!.atEnd).toBe(0.25);
  });

  it('rejects an unknown host, resource or quantity, naming the field', () => {
    const sim = createSimulation({ hosts: [{ name: 'a', capacity: { cpu: '1000m', memory: '1Gi' } }] });
    const issues = (f: () => void) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).issues.map((i) => `${i.path}: ${i.message}`);
      }
      throw new Error('expected a ConfigError');
    };
    expect(issues(() => sim.resizeHost('z', { cpu: '1' }))).toEqual(["host: no host named 'z'"]);
    expect(issues(() => sim.resizeHost('a', { tpu: 2 }))).toEqual([
      "capacity.tpu: resource 'tpu' is not in this simulation",
    ]);
    expect(issues(() => sim.resizeHost('a', { cpu: 'lots' }))[0]).toMatch(/^capacity\.cpu: /);
    // Nothing changed.
    expect([...sim.cluster.hostsByName.get('a')!.capacity.slice(0, 2)]).toEqual([1000, 1024]);
  });

  it('placements after a resize are those of a cluster declared with the new capacities (every index rebuilt)', () => {
    const size = fc.integer({ min: 1, max: 16 });
    const hostsArb = fc.array(fc.record({ from: size, to: size, mem: size }), { minLength: 1, maxLength: 8 });
    const podsArb = fc.array(fc.record({ cpu: fc.integer({ min: 1, max: 8 }), mem: fc.integer({ min: 1, max: 8 }) }), {
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(fc.constantFrom(...STRATEGIES), hostsArb, podsArb, (strategy, hosts, pods) => {
        const scenario = (cpu: (h: (typeof hosts)[number]) => number): ScenarioInput => ({
          seed: 5,
          scheduler: { strategy },
          hosts: hosts.map((h, i) => ({
            name: `h${i}`,
            capacity: { cpu: `${cpu(h) * 500}m`, memory: `${h.mem * 256}Mi` },
          })),
          containers: pods.map((p, i) => ({
            name: `c${i}`,
            at: '2s',
            requests: { cpu: `${p.cpu * 250}m`, memory: `${p.mem * 128}Mi` },
          })),
        });
        const resized = createSimulation(scenario((h) => h.from)).run('1s');
        hosts.forEach((h, i) => {
          resized.resizeHost(`h${i}`, { cpu: `${h.to * 500}m` });
        });
        resized.run('1m');
        const declared = createSimulation(scenario((h) => h.to)).run('1m');
        const placed = (sim: typeof declared) => [...sim.allContainers()].map((c) => c.host?.name ?? null);
        expect(placed(resized)).toEqual(placed(declared));
      }),
      { seed: 17, numRuns: 60 },
    );
  });
});
