import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { zoneOutage } from './zoneOutage.js';

const ZONE = 'topology.kubernetes.io/zone';
const cluster: ScenarioInput = {
  seed: 8,
  hosts: [
    { group: 'a', count: 2, capacity: { cpu: '4', memory: '8Gi' }, labels: { [ZONE]: 'eu-1a' } },
    { group: 'b', count: 2, capacity: { cpu: '4', memory: '8Gi' }, labels: { [ZONE]: 'eu-1b' } },
  ],
  services: { web: { replicas: 4, template: { requests: { cpu: '1', memory: '1Gi' } } } },
};

describe('zoneOutage', () => {
  it('crashes every host of the zone at once and brings them back together', () => {
    const sim = createSimulation(cluster).run('1m');
    const outage = zoneOutage(sim, { key: ZONE, value: 'eu-1a', recoverAfter: '2m' });
    expect(outage).toEqual({ at: 60_000, hosts: ['a-0', 'a-1'], recoversAt: 180_000 });
    sim.run('10m');
    const crashed = sim.events().filter((e) => e.type === 'host.crashed');
    const recovered = sim.events().filter((e) => e.type === 'host.recovered');
    expect(crashed.map((e) => [e.at, e.type === 'host.crashed' ? e.host : ''])).toEqual([
      [60_000, 'a-0'],
      [60_000, 'a-1'],
    ]);
    expect(recovered.map((e) => e.at)).toEqual([180_000, 180_000]);
    // Zone b never failed.
    expect(
      sim.events().some((e) => (e.type === 'host.crashed' || e.type === 'host.state') && e.host.startsWith('b')),
    ).toBe(false);
  });

  it('replaces the lost replicas in the surviving zone after detection + toleration', () => {
    const sim = createSimulation(cluster).run('1m');
    zoneOutage(sim, { key: ZONE, value: 'eu-1a' });
    sim.run('20m');
    const live = [...sim.allContainers()].filter((c) => c.phase === 'running');
    expect(live).toHaveLength(4);
    expect(live.every((c) => c.host!.labels[ZONE] === 'eu-1b')).toBe(true);
    const evicted = sim.events().filter((e) => e.type === 'container.evicted');
    expect(evicted.length).toBeGreaterThan(0);
    // Not-ready within 60 s of the crash, evicted 300 s after that.
    for (const e of evicted) expect(e.at - 60_000).toBeGreaterThan(300_000);
    for (const e of evicted) expect(e.at - 60_000).toBeLessThanOrEqual(360_000);
  });

  it('partitions instead of crashing with mode: partition', () => {
    const sim = createSimulation(cluster).run('1m');
    zoneOutage(sim, { key: ZONE, value: 'eu-1b', mode: 'partition', recoverAfter: 30_000 });
    sim.run('5m');
    expect(sim.events().filter((e) => e.type === 'host.partitioned')).toHaveLength(2);
    expect(
      sim
        .events()
        .filter((e) => e.type === 'host.healed')
        .map((e) => e.at),
    ).toEqual([90_000, 90_000]);
  });

  it('names the label values when the zone matches no host', () => {
    const sim = createSimulation(cluster);
    expect(() => zoneOutage(sim, { key: ZONE, value: 'us-1a' })).toThrow(/eu-1a, eu-1b/);
    expect(() => zoneOutage(sim, { key: ZONE, value: 'eu-1a', recoverAfter: 'soon' })).toThrow(/recoverAfter/);
  });
});
