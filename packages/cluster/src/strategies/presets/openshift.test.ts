import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../scenario/scenarioSchema.js';
import { createSimulation } from '../../simulation/Simulation.js';
import { openshiftStrategy } from './openshift.js';
import { PRESETS } from './presetCatalog.js';

const strategies = PRESETS;
const names = (n: number) => Array.from({ length: n }, (_, i) => `web-${i}`);

const scenario = (strategy: string, replicas: number): ScenarioInput => ({
  seed: 9,
  scheduler: { strategy },
  hosts: [{ group: 'node', count: 4, capacity: { cpu: '4', memory: '8Gi' } }],
  services: { web: { replicas, template: { requests: { cpu: '1', memory: '2Gi' } } } },
});

function hostsOf(strategy: string, replicas: number, explain: string[] = []) {
  const sim = createSimulation(scenario(strategy, replicas), { strategies, explain }).run('1s');
  return { sim, hosts: names(replicas).map((n) => sim.container(n)?.host?.name) };
}

describe('OpenShift presets', () => {
  it('openshift-low-node-utilization spreads like upstream: 4 tasks on 4 hosts', () => {
    expect(new Set(hostsOf('openshift-low-node-utilization', 4).hosts).size).toBe(4);
  });

  it('openshift-high-node-utilization packs job tasks with MostAllocated: 4 tasks on 1 host', () => {
    // Job tasks belong to no service, so PodTopologySpread's system defaults do not spread them.
    const sim = createSimulation(
      {
        seed: 9,
        scheduler: { strategy: 'openshift-high-node-utilization' },
        hosts: [{ group: 'node', count: 4, capacity: { cpu: '4', memory: '8Gi' } }],
        jobs: { batch: { tasks: [{ count: 4, requests: { cpu: '1', memory: '2Gi' } }] } },
      },
      { strategies },
    ).run('1s');
    const hosts = [0, 1, 2, 3].map((i) => sim.container(`batch-${i}`)?.host?.name);
    expect(new Set(hosts).size).toBe(1);
  });

  it('openshift-high-node-utilization packs service replicas too: MostAllocated ×5 outweighs PodTopologySpread ×2', () => {
    // Each replica moves a host's MostAllocated score by 25 (×5 = 125), more than the spread
    // scorer's whole range (×2 = 200 shared out over the hosts' skews).
    expect(new Set(hostsOf('openshift-high-node-utilization', 4).hosts).size).toBeLessThan(4);
  });

  it('HighNodeUtilization scores with MostAllocated and without BalancedAllocation', () => {
    const { sim } = hostsOf('openshift-high-node-utilization', 2, ['web-1']);
    const scored = sim.decisions('web-1')[0]!.hosts.filter((h) => h.rejectedBy === null);
    // NodeAffinity and ImageLocality are in the profile but skip this container in PreScore (no
    // preferred affinity; no image larger than ImageLocality's 23 MiB floor).
    for (const h of scored)
      expect(Object.keys(h.scores).sort()).toEqual(['MostAllocated', 'PodTopologySpread', 'TaintToleration']);
    const upstream = createSimulation(scenario('openshift-low-node-utilization', 2), {
      strategies,
      explain: ['web-1'],
    });
    const low = upstream
      .run('1s')
      .decisions('web-1')[0]!
      .hosts.find((h) => h.rejectedBy === null)!;
    expect(Object.keys(low.scores).sort()).toEqual([
      'BalancedAllocation',
      'LeastAllocated',
      'PodTopologySpread',
      'TaintToleration',
    ]);
    // The host holding web-0: cpu 2000*100/4000 = 50, memory 4Gi*100/8Gi = 50 → 50; the others 25.
    const raw = scored.map((h) => h.scores.MostAllocated!.raw).sort();
    expect(raw).toEqual([25, 25, 25, 50]);
  });

  it('openshift-no-scoring scores nothing and picks among feasible hosts at random', () => {
    const { sim, hosts } = hostsOf('openshift-no-scoring', 12, ['web-0']);
    expect(new Set(hosts).size).toBeGreaterThan(1);
    const decision = sim.decisions('web-0')[0]!;
    expect(decision.hosts.filter((h) => h.rejectedBy === null).map((h) => h.scores)).toEqual([{}, {}, {}, {}]);
    expect(hostsOf('openshift-no-scoring', 12).hosts).toEqual(hosts);
  });

  it('keeps upstream preemption and names each profile', () => {
    expect(openshiftStrategy('NoScoring').preemption).toBe(true);
    expect(openshiftStrategy('HighNodeUtilization').name).toBe('openshift-high-node-utilization');
  });
});
