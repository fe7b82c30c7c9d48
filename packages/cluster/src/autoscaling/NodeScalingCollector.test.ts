import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/Simulation.js';
import { collectNodeScaling } from './NodeScalingCollector.js';

describe('collectNodeScaling', () => {
  it('bills launched hosts from launch to removal and static hosts from joining, and lists every action', () => {
    const sim = createSimulation({
      seed: 1,
      hosts: [{ group: 'system', capacity: { cpu: '1', memory: '4Gi' }, hourlyCost: 0.5 }],
      nodeGroups: [
        {
          name: 'pool',
          template: { capacity: { cpu: '2', memory: '8Gi' } },
          max: 3,
          hourlyCost: 2,
          provisioning: { dist: 'constant', value: '5m' },
        },
      ],
      services: { web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } } } },
      changes: [{ at: '1h', service: 'web', replicas: 1 }],
    });
    const collector = collectNodeScaling(sim);
    sim.run('2h');
    const r = collector.report();
    // Launched at the scan at 10 s, joined at 5 min 10 s; unneeded from 1 h (the change runs before the
    // scan of that instant), removed at 1 h 10 min. Billed 10 s → 1 h 10 min: 1 h 9 min 50 s at $2.
    const billed = (70 * 60 - 10) / 3600;
    expect(r.groups.pool).toEqual({ hostHours: billed, cost: billed * 2, launched: 1, removed: 1 });
    expect(r.groups.system).toEqual({ hostHours: 2, cost: 1, launched: 0, removed: 0 });
    expect(r.hostHours).toBeCloseTo(2 + billed, 12);
    expect(r.cost).toBeCloseTo(1 + billed * 2, 12);
    expect(r.hosts).toEqual([
      [0, 1],
      [310_000, 2],
      [4_200_000, 1],
    ]);
    expect({ peak: r.peakHosts, final: r.finalHosts, up: r.scaleUps, down: r.scaleDowns }).toEqual({
      peak: 2,
      final: 1,
      up: 1,
      down: 1,
    });
    expect(r.actions.map((a) => [a.at, a.type, a.hosts])).toEqual([
      [10_000, 'nodegroup.scaledUp', ['pool-0']],
      [4_200_000, 'nodegroup.scaledDown', ['pool-0']],
    ]);
  });

  it('gives the same event log for the same seed, with both autoscalers', () => {
    const scenario = {
      seed: 9,
      hosts: [{ group: 'system', capacity: { cpu: '2', memory: '8Gi' } }],
      nodeGroups: [{ name: 'pool', template: { capacity: { cpu: '4', memory: '16Gi' } }, max: 5 }],
      provisioner: {
        instanceTypes: [{ name: 'm', capacity: { cpu: '2', memory: '8Gi' }, hourlyCost: 0.1 }],
        labels: { pool: 'karpenter' },
      },
      services: {
        web: { replicas: 9, template: { requests: { cpu: '1', memory: '1Gi' } } },
        batch: { replicas: 4, template: { requests: { cpu: '1' }, nodeSelector: { pool: 'karpenter' } } },
      },
      changes: [
        { at: '30m', service: 'web', replicas: 2 },
        { at: '40m', service: 'batch', replicas: 1 },
      ],
    };
    const a = createSimulation(scenario).run('2h').events();
    const b = createSimulation(scenario).run('2h').events();
    expect(a.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
    expect(a.some((e) => e.type === 'nodegroup.scaledUp')).toBe(true);
    expect(a.some((e) => e.type === 'provisioner.launched')).toBe(true);
  });
});
