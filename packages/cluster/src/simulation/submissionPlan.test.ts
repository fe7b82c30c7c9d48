import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { collectGpuArrivals } from '../metrics/GpuArrivalCollector.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from './Simulation.js';

// Two 2-device hosts (4 GPUs); containers asking 1, 0.5 and 0 GPU.
const base: ScenarioInput & { containers: NonNullable<ScenarioInput['containers']> } = {
  hosts: [{ group: 't4', count: 2, capacity: { cpu: '64', memory: '256Gi' }, gpus: { model: 'T4', count: 2 } }],
  containers: [
    { name: 'a', at: '5s', duration: '1s', requests: { cpu: '1', memory: '1Gi' }, gpu: { count: 1 } },
    { name: 'b', at: '5s', duration: '1s', requests: { cpu: '1', memory: '1Gi' }, gpu: { milli: 500 } },
    { name: 'c', at: '5s', duration: '1s', requests: { cpu: '1', memory: '1Gi' } },
  ],
};
const created = (scenario: ScenarioInput, seed = 1) => {
  const names: Array<[string, number]> = [];
  const sim = createSimulation(scenario, {
    seed,
    onEvent: (e) => {
      if (e.type === 'container.created') names.push([e.container, e.at]);
    },
  });
  return { sim, names };
};

describe('scenario submission', () => {
  it('listed, spaced and forever: the i-th container at i × every, never finishing', () => {
    const { sim, names } = created({ ...base, submission: { every: '10ms', forever: true } });
    sim.run('1m');
    expect(names).toEqual([
      ['a', 0],
      ['b', 10],
      ['c', 20],
    ]);
    expect(Object.values(sim.snapshot().containers).every((c) => c.phase === 'running')).toBe(true);
  });

  it('shuffled by the seed (the same for every strategy), and filled with named copies up to the GPUs asked for', () => {
    const scenario: ScenarioInput = { ...base, submission: { order: 'shuffled', fill: { gpu: 1.3 }, every: '1ms' } };
    const one = created(scenario, 7);
    one.sim.run('1m');
    const again = created({ ...scenario, scheduler: { strategy: 'worst-fit' } }, 7);
    again.sim.run('1m');
    expect(again.names).toEqual(one.names);
    // 1.3 × 4 GPUs = 5.2: the listed three ask 1.5; copies (1, 0.5 or 0 each) stop before passing 5.2.
    const asked = one.names.map(([n]) => ({ a: 1, b: 0.5, c: 0 })[n.split('~')[0] as 'a' | 'b' | 'c']);
    const total = asked.reduce((s, x) => s + x, 0);
    expect(total).toBeLessThanOrEqual(5.2);
    expect(total).toBeGreaterThan(5.2 - 1);
    expect(one.names.slice(3).map(([n], i) => n.endsWith(`~${i + 1}`))).not.toContain(false);
    const orderOf = (seed: number) => {
      const run = created({ ...base, submission: { order: 'shuffled' } }, seed);
      run.sim.run('10s');
      return run.names.map(([n]) => n).join();
    };
    const orders = new Set([1, 2, 3, 4, 5, 6].map(orderOf));
    expect(orders.size).toBeGreaterThan(1);
  });

  it('the GPU arrivals collector records allocation after each 1 % of the GPUs arrived', () => {
    const sim = createSimulation({ ...base, submission: { every: '1ms', forever: true } });
    const gpu = collectGpuArrivals(sim);
    sim.run('1s');
    const r = gpu.report();
    expect(r).toMatchObject({ capacityMilli: 4000, arrivedMilli: 1500, allocatedMilli: 1500 });
    // a (1 GPU = 25 %) crosses 0..25, b (12.5 %) 26..37; c asks none. Each point is taken once the
    // crossing container was placed: 25 % allocated at 1..25, 37.5 % at 26..37.
    expect(r.allocatedByArrived).toHaveLength(38);
    expect(r.allocatedByArrived[0]).toBe(0);
    expect(r.allocatedByArrived[25]).toBe(25);
    expect(r.allocatedByArrived[26]).toBe(37.5);
  });

  it('refuses a fill that cannot end, naming the field', () => {
    const noGpus = {
      ...base,
      hosts: [{ group: 'c', capacity: { cpu: '8', memory: '8Gi' } }],
      containers: [base.containers[2]!],
    };
    expect(() => createSimulation({ ...noGpus, submission: { fill: { gpu: 1.3 } } })).toThrow(ConfigError);
    expect(() => createSimulation({ ...noGpus, submission: { fill: { gpu: 1.3 } } })).toThrow(
      /the hosts have no GPUs to fill\n.*→ at submission\.fill\.gpu/,
    );
    const noAsk = { ...base, containers: [base.containers[2]!], submission: { fill: { gpu: 1.3 } } };
    expect(() => createSimulation(noAsk)).toThrow(
      /no standalone container asks for a GPU.*\n.*→ at submission\.fill\.gpu/,
    );
    expect(() => createSimulation({ ...base, submission: { fill: { gpu: 11 } } })).toThrow(
      /at most 10 times the hosts' GPUs, got 11\n.*→ at submission\.fill\.gpu/,
    );
    expect(() => createSimulation({ ...base, submission: { every: '0ms' } })).toThrow(
      /above 0 such as '1ms', got 0\n.*→ at submission\.every/,
    );
    expect(() => createSimulation({ ...base, submission: JSON.parse('{ "order": "random" }') })).toThrow(
      /expected 'listed' or 'shuffled', got 'random'\n.*→ at submission\.order/,
    );
  });
});
