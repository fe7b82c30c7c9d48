import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { REBALANCE_REASON, type RebalancerOptions, rebalancer } from './rebalancer.js';

// Three 4-cpu hosts; node-1 and node-2 start cordoned, so the six 500m replicas all land on node-0
// (3000m of 4000m = 75% cpu; 6 × 512 MiB of 8 GiB = 37.5% memory). Both are opened at 1 minute.
const cluster: ScenarioInput = {
  seed: 21,
  hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '8Gi' } }],
  services: { web: { replicas: 6, template: { requests: { cpu: '500m', memory: '512Mi' } } } },
};

function start(): Simulation {
  const sim = createSimulation(cluster);
  sim.setHostState('node-1', 'cordoned');
  sim.setHostState('node-2', 'cordoned');
  sim.run('1m');
  sim.setHostState('node-1', 'ready');
  sim.setHostState('node-2', 'ready');
  return sim;
}

const options: RebalancerOptions = {
  every: '2m',
  thresholds: { cpu: 20, memory: 20 },
  targetThresholds: { cpu: 50, memory: 50 },
};

describe('rebalancer (LowNodeUtilization)', () => {
  it('moves containers off the over-used host until it is no longer above target', () => {
    const sim = start();
    const agent = rebalancer(sim, options);
    sim.run('10m');
    const first = agent.runs[0]!;
    expect(first.at).toBe(180_000);
    expect(first.overutilized).toEqual(['node-0']);
    expect(first.underutilized).toEqual(['node-1', 'node-2']);
    // 75% → 62.5% → 50%: two moves, then node-0 is no longer above 50%.
    expect(first.moved).toEqual([
      { container: 'web-0', from: 'node-0' },
      { container: 'web-1', from: 'node-0' },
    ]);
    expect(agent.runs[1]).toMatchObject({ at: 300_000, moved: [], skipped: 'no host is over-used' });
    // Each run is in the event log, as the agent records it.
    const told = sim.events().filter((e) => e.type === 'rebalance.completed');
    expect(told).toEqual(agent.runs.map((run) => ({ type: 'rebalance.completed', ...run })));
    const evicted = sim.events().filter((e) => e.type === 'container.evicted');
    expect(evicted.every((e) => e.type === 'container.evicted' && e.reason === REBALANCE_REASON)).toBe(true);
    // The replacements went to the emptier hosts (LeastAllocated), one each.
    const hosts = [sim.container('web-6')!.host!.name, sim.container('web-7')!.host!.name].sort();
    expect(hosts).toEqual(['node-1', 'node-2']);
    expect(sim.cluster.hostsByName.get('node-0')!.allocated[0]).toBe(2000);
  });

  it('spends at most maxMovesPerRun per run', () => {
    const sim = start();
    const agent = rebalancer(sim, { ...options, maxMovesPerRun: 1 });
    sim.run('10m');
    expect(agent.runs.map((r) => [r.at, r.moved.length])).toEqual([
      [180_000, 1], // 75% → 62.5%, budget spent
      [300_000, 1], // 62.5% → 50%
      [420_000, 0], // nothing over-used
    ]);
    expect(agent.moves).toBe(2);
  });

  it('respects a disruption budget: with minAvailable equal to the replicas, nothing moves', () => {
    const sim = start();
    const agent = rebalancer(sim, { ...options, budgets: { web: { minAvailable: 6 } } });
    sim.run('5m');
    expect(agent.moves).toBe(0);
    expect(agent.runs[0]).toMatchObject({ at: 180_000, refused: 6, moved: [] });
    const refusals = sim.events().filter((e) => e.type === 'eviction.refused' && e.at === 180_000);
    expect(refusals).toHaveLength(6);
    expect(refusals[0]).toMatchObject({
      service: 'web',
      by: 'rebalancer',
      reason: 'disruption budget: 6 ready, 6 required',
    });
  });

  it('does nothing while no host is under-used', () => {
    const sim = createSimulation(cluster).run('1m'); // LeastAllocated spreads: 2 per host, 25% cpu each
    const agent = rebalancer(sim, {
      ...options,
      targetThresholds: { cpu: 20, memory: 20 },
      thresholds: { cpu: 10, memory: 10 },
    });
    sim.run('10m');
    expect(agent.runs[0]).toMatchObject({ underutilized: [], skipped: 'no host is under-used' });
    expect(agent.moves).toBe(0);
  });

  it('never over-commits a host and is deterministic', () => {
    const once = () => {
      const sim = start();
      sim.log.subscribe(() => {
        for (const h of sim.cluster.hosts)
          for (let r = 0; r < h.capacity.length; r++) expect(h.allocated[r]!).toBeLessThanOrEqual(h.capacity[r]!);
      });
      rebalancer(sim, {
        ...options,
        maxMovesPerRun: 1,
        thresholds: { cpu: 30, memory: 30 },
        targetThresholds: { cpu: 40, memory: 40 },
      });
      return sim.run('30m').events();
    };
    const a = once();
    expect(a).toEqual(once());
    expect(a.some((e) => e.type === 'container.evicted')).toBe(true);
  });

  it('ends sim.run() once nothing is left to do', () => {
    const sim = start();
    rebalancer(sim, options);
    sim.run();
    // Runs at 3 m (two moves) and 5 m (nothing over-used, agenda empty: no further run).
    expect(sim.now).toBe(300_000);
  });

  it('rejects bad thresholds by name', () => {
    const sim = start();
    expect(() => rebalancer(sim, { thresholds: { cpu: 60 }, targetThresholds: { cpu: 50 } })).toThrow(
      /thresholds\.cpu/,
    );
    expect(() => rebalancer(sim, { thresholds: { cpu: 20 }, targetThresholds: { memory: 50 } })).toThrow(
      /targetThresholds\.cpu/,
    );
    expect(() => rebalancer(sim, { thresholds: { disk: 20 }, targetThresholds: { disk: 50 } })).toThrow(
      /thresholds\.disk/,
    );
    expect(() => rebalancer(sim, { maxMovesPerRun: -1 })).toThrow(/maxMovesPerRun/);
  });
});
