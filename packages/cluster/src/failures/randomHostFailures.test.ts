import { ConfigError, constant, exponentialDist, normalDist, SimulationError, weibullDist } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { randomHostFailures } from './randomHostFailures.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const cluster: ScenarioInput = {
  seed: 11,
  scheduler: { strategy: 'first-fit' },
  hosts: [
    { group: 'a', count: 4, capacity: { cpu: '4', memory: '8Gi' }, labels: { zone: 'a' } },
    { group: 'b', count: 4, capacity: { cpu: '4', memory: '8Gi' }, labels: { zone: 'b' } },
  ],
  services: { web: { replicas: 6, template: { requests: { cpu: '1', memory: '1Gi' } } } },
};

/** Crash and recovery times per host, in order. */
function timeline(sim: Simulation): string[] {
  return sim
    .events()
    .filter((e) => e.type === 'host.crashed' || e.type === 'host.recovered')
    .map((e) => `${e.at} ${e.type} ${'host' in e ? e.host : ''}`);
}

const model = () => randomHostFailures({ mtbf: exponentialDist(5 * HOUR), mttr: exponentialDist(20 * MINUTE) });

describe('randomHostFailures', () => {
  it('is deterministic: the same seed gives the same crashes and recoveries', () => {
    const run = () => {
      const sim = createSimulation(cluster);
      model().attach(sim);
      return timeline(sim.run(48 * HOUR));
    };
    const first = run();
    expect(first.length).toBeGreaterThan(20);
    expect(run()).toEqual(first);
  });

  it('gives every strategy the same failure sequence (common random numbers)', () => {
    const runWith = (strategy: string) => {
      const sim = createSimulation(cluster, { strategy });
      model().attach(sim);
      return timeline(sim.run(48 * HOUR));
    };
    const firstFit = runWith('first-fit');
    expect(runWith('worst-fit')).toEqual(firstFit);
    expect(runWith('kubernetes')).toEqual(firstFit);
  });

  it("keeps a host's failures independent of the other hosts", () => {
    const onlyA = createSimulation(cluster);
    randomHostFailures({ groups: ['a'], mtbf: exponentialDist(5 * HOUR), mttr: exponentialDist(20 * MINUTE) }).attach(
      onlyA,
    );
    const all = createSimulation(cluster);
    model().attach(all);
    const ofGroupA = (lines: string[]) => lines.filter((l) => / a-\d$/.test(l));
    const a = timeline(onlyA.run(48 * HOUR));
    expect(a.length).toBeGreaterThan(0);
    expect(a).toEqual(ofGroupA(a));
    expect(a).toEqual(ofGroupA(timeline(all.run(48 * HOUR))));
  });

  it('another seed or stream name gives other failures', () => {
    const run = (seed: number, stream?: string) => {
      const sim = createSimulation(cluster, { seed });
      randomHostFailures({ mtbf: exponentialDist(5 * HOUR), mttr: exponentialDist(20 * MINUTE), stream }).attach(sim);
      return timeline(sim.run(24 * HOUR));
    };
    expect(run(1)).not.toEqual(run(2));
    expect(run(1)).not.toEqual(run(1, 'other'));
  });

  it('crashes at draw times from attachment: a constant mtbf and mttr give a regular cycle', () => {
    const sim = createSimulation(cluster).run(MINUTE);
    randomHostFailures({ groups: ['b'], mtbf: constant(HOUR), mttr: constant(10 * MINUTE) }).attach(sim);
    sim.run(3 * HOUR);
    const b0 = timeline(sim).filter((l) => l.endsWith(' b-0'));
    // Up 1 h from 1 min, down 10 min, up 1 h, ...
    expect(b0).toEqual([
      `${61 * MINUTE} host.crashed b-0`,
      `${71 * MINUTE} host.recovered b-0`,
      `${131 * MINUTE} host.crashed b-0`,
      `${141 * MINUTE} host.recovered b-0`,
    ]);
    expect(timeline(sim).filter((l) => / a-\d$/.test(l))).toEqual([]);
  });

  it('starts no failure at or after `until`, but finishes the repairs', () => {
    const sim = createSimulation(cluster);
    randomHostFailures({ mtbf: exponentialDist(2 * HOUR), mttr: exponentialDist(30 * MINUTE), until: '1d' }).attach(
      sim,
    );
    sim.run(4 * 24 * HOUR);
    const crashes = sim.events().filter((e) => e.type === 'host.crashed');
    expect(crashes.length).toBeGreaterThan(10);
    expect(Math.max(...crashes.map((e) => e.at))).toBeLessThan(24 * HOUR);
    expect(sim.cluster.hosts.every((h) => h.alive)).toBe(true);
  });

  it('does not recover a host it did not crash', () => {
    const sim = createSimulation(cluster);
    randomHostFailures({ groups: ['a'], mtbf: constant(HOUR), mttr: constant(MINUTE) }).attach(sim);
    sim.run(30 * MINUTE);
    sim.crashHost('a-0');
    sim.run(5 * HOUR);
    expect(sim.cluster.hostsByName.get('a-0')!.alive).toBe(false);
    expect(timeline(sim).filter((l) => l.endsWith(' a-0'))).toEqual([`${30 * MINUTE} host.crashed a-0`]);
  });

  it('fails hosts added later, on their own streams', () => {
    const sim = createSimulation(cluster);
    randomHostFailures({ mtbf: constant(HOUR), mttr: constant(MINUTE) }).attach(sim);
    sim.run(10 * MINUTE);
    sim.addHost({ name: 'late', group: 'a', capacity: { cpu: '4', memory: '8Gi' } });
    sim.run(2 * HOUR);
    expect(timeline(sim).filter((l) => l.endsWith(' late'))).toEqual([
      `${70 * MINUTE} host.crashed late`,
      `${71 * MINUTE} host.recovered late`,
    ]);
  });

  it('matches the distributions over a long run: mean up time ≈ MTBF, mean down time ≈ MTTR', () => {
    const sim = createSimulation({ seed: 5, hosts: [{ group: 'n', count: 10, capacity: { cpu: '1' } }] });
    const mtbf = weibullDist(3 * HOUR, 1.5);
    randomHostFailures({ mtbf, mttr: exponentialDist(30 * MINUTE) }).attach(sim);
    const horizon = 2000 * HOUR;
    sim.run(horizon);
    const up: number[] = [];
    const down: number[] = [];
    const since = new Map<string, number>();
    for (const e of sim.events()) {
      if (e.type === 'host.crashed') {
        up.push(e.at - (since.get(e.host) ?? 0));
        since.set(e.host, e.at);
      } else if (e.type === 'host.recovered') {
        down.push(e.at - since.get(e.host)!);
        since.set(e.host, e.at);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // About 10 × 2000 h / 3.2 h ≈ 6,000 cycles: the sample means are within about 1.5% (3σ) of the truth.
    expect(up.length).toBeGreaterThan(5000);
    expect(Math.abs(mean(up) / mtbf.mean - 1)).toBeLessThan(0.03);
    expect(Math.abs(mean(down) / (30 * MINUTE) - 1)).toBeLessThan(0.05);
  });

  it('rejects bad arguments, naming the field', () => {
    const mttr = exponentialDist(MINUTE);
    const bad = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).issues[0]!.path;
      }
      throw new Error('expected a ConfigError');
    };
    expect(bad(() => randomHostFailures({ mtbf: 3_600_000 as never, mttr }))).toBe('mtbf');
    expect(bad(() => randomHostFailures({ mtbf: mttr, mttr: undefined as never }))).toBe('mttr');
    expect(bad(() => randomHostFailures({ mtbf: constant(0), mttr }))).toBe('mtbf');
    expect(bad(() => randomHostFailures({ mtbf: mttr, mttr, groups: [] }))).toBe('groups');
    expect(bad(() => randomHostFailures({ mtbf: mttr, mttr, stream: '' }))).toBe('stream');
    expect(bad(() => randomHostFailures({ mtbf: mttr, mttr, until: 'soon' }))).toBe('until');
    const sim = createSimulation(cluster);
    expect(bad(() => randomHostFailures({ mtbf: mttr, mttr, groups: ['a', 'zz'] }).attach(sim))).toBe('groups[1]');
  });

  it('reports a negative draw as a SimulationError naming the field', () => {
    const sim = createSimulation(cluster);
    randomHostFailures({ mtbf: exponentialDist(HOUR), mttr: normalDist(MINUTE, 100 * MINUTE) }).attach(sim);
    let caught: unknown;
    try {
      sim.run(1000 * HOUR);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SimulationError);
    expect((caught as Error).message).toMatch(/^mttr: the normal distribution drew -/);
  });
});
