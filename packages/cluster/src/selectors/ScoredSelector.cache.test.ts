import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { kubernetesScorers, kubernetesStrategy } from '../strategies/presets/kubernetes.js';

// Host-local scorers (LeastAllocated, BalancedAllocation) reuse a host's raw score while its
// allocation and the request vectors are unchanged. The reuse must never change a decision.
const scenario: ScenarioInput = {
  seed: 21,
  hosts: [
    { group: 'a', count: 30, capacity: { cpu: '4', memory: '16Gi' } },
    { group: 'b', count: 20, capacity: { cpu: '8', memory: '8Gi' } },
  ],
  services: { web: { replicas: 40, template: { requests: { cpu: '500m', memory: '1Gi' }, duration: '3m' } } },
  jobs: {
    batch: {
      tasks: [
        { count: 60, requests: { cpu: '1', memory: '512Mi' }, duration: '2m' },
        { count: 40, requests: { cpu: '250m' }, duration: '90s', at: '30s' },
      ],
    },
  },
};

describe('ScoredSelector score reuse', () => {
  it('gives the same decisions, scores and event log as scoring every host afresh', () => {
    const cached = createSimulation(scenario, { explain: 'all' }).run('15m');
    const uncachedScorers = kubernetesScorers().map(({ scorer, weight }) => ({
      scorer: { ...scorer, hostLocal: false },
      weight,
    }));
    const fresh = createSimulation(scenario, {
      explain: 'all',
      strategy: kubernetesStrategy({ scorers: uncachedScorers }),
    }).run('15m');
    expect(cached.events()).toEqual(fresh.events());
    for (const c of cached.allContainers()) expect(cached.decisions(c.name)).toEqual(fresh.decisions(c.name));
    expect(cached.counters.placed).toBeGreaterThan(150);
  });
});
