import { ConfigError, constant, exponentialDist } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { randomContainerCrashes } from './randomContainerCrashes.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const cluster: ScenarioInput = {
  seed: 8,
  scheduler: { strategy: 'first-fit' },
  hosts: [{ group: 'n', count: 4, capacity: { cpu: '8', memory: '16Gi' } }],
  services: {
    web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } } },
    db: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } },
  },
};

function crashes(sim: Simulation): string[] {
  return sim
    .events()
    .filter((e) => e.type === 'container.crashed')
    .map((e) => `${e.at} ${'container' in e ? e.container : ''}`);
}

describe('randomContainerCrashes', () => {
  it('crashes a process its drawn lifetime after it starts; the kubelet restarts it after its back-off', () => {
    const sim = createSimulation(cluster);
    randomContainerCrashes({ service: 'db', mtbf: constant(10 * MINUTE) }).attach(sim);
    sim.run(HOUR);
    // Start at 0, crash at 10 min, restart 10 s later, crash 10 min after that; having run 10 min, the
    // back-off is reset (CRASH_BACKOFF_RESET_MS), so the next restart is 10 s later again.
    const db0 = crashes(sim).filter((l) => l.endsWith(' db-0'));
    expect(db0.slice(0, 3)).toEqual([
      `${10 * MINUTE} db-0`,
      `${20 * MINUTE + 10_000} db-0`,
      `${30 * MINUTE + 20_000} db-0`,
    ]);
    expect(crashes(sim).every((l) => l.includes(' db-'))).toBe(true);
  });

  it('is deterministic and the same for two strategies', () => {
    const run = (strategy: string) => {
      const sim = createSimulation(cluster, { strategy });
      randomContainerCrashes({ mtbf: exponentialDist(20 * MINUTE) }).attach(sim);
      return crashes(sim.run(6 * HOUR));
    };
    const a = run('first-fit');
    expect(a.length).toBeGreaterThan(20);
    expect(run('first-fit')).toEqual(a);
    expect(run('worst-fit')).toEqual(a);
  });

  it('crashes nothing at or after `until`', () => {
    const sim = createSimulation(cluster);
    randomContainerCrashes({ mtbf: exponentialDist(10 * MINUTE), until: '2h' }).attach(sim);
    sim.run(10 * HOUR);
    const times = sim
      .events()
      .filter((e) => e.type === 'container.crashed')
      .map((e) => e.at);
    expect(times.length).toBeGreaterThan(5);
    expect(Math.max(...times)).toBeLessThan(2 * HOUR);
  });

  it('does not crash a process that already ended: a crash scheduled for an earlier life is dropped', () => {
    const sim = createSimulation(cluster);
    randomContainerCrashes({ service: 'web', mtbf: constant(10 * MINUTE) }).attach(sim);
    sim.run(5 * MINUTE);
    sim.crashContainer('web-0', 'manual');
    sim.run(12 * MINUTE);
    // Restarted at 5 min + 10 s: its next random crash is 10 min later, not at 10 min.
    expect(crashes(sim).filter((l) => l.endsWith(' web-0'))).toEqual([`${5 * MINUTE} web-0`]);
    sim.run(16 * MINUTE);
    expect(crashes(sim).filter((l) => l.endsWith(' web-0'))).toEqual([
      `${5 * MINUTE} web-0`,
      `${15 * MINUTE + 10_000} web-0`,
    ]);
  });

  it('rejects bad arguments, naming the field', () => {
    const paths = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).issues[0]!.path;
      }
      throw new Error('expected a ConfigError');
    };
    expect(paths(() => randomContainerCrashes({ mtbf: null as never }))).toBe('mtbf');
    expect(paths(() => randomContainerCrashes({ mtbf: constant(1), service: '' }))).toBe('service');
    expect(paths(() => randomContainerCrashes({ mtbf: constant(1), reason: '' }))).toBe('reason');
    expect(
      paths(() => randomContainerCrashes({ mtbf: constant(1), service: 'api' }).attach(createSimulation(cluster))),
    ).toBe('service');
  });
});
