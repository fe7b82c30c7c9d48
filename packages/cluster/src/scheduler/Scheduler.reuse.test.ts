import { describe, expect, it } from 'vitest';
import { defaultFilters } from '../filters/defaultFilters.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { kubernetesStrategy } from '../strategies/presets/kubernetes.js';

// When every applicable filter is host-local (HostReady, ResourceFit), the scheduler reuses a host's
// verdict while its allocation, state and the request vector are unchanged. The reuse must never
// change a placement, whatever happens to the hosts in between.
const scenario: ScenarioInput = {
  seed: 5,
  hosts: [
    { group: 'a', count: 12, capacity: { cpu: '2', memory: '4Gi' }, maxContainers: 6 },
    { group: 'b', count: 8, capacity: { cpu: '4', memory: '2Gi' } },
  ],
  services: { web: { replicas: 30, template: { requests: { cpu: '250m', memory: '256Mi' }, duration: '2m' } } },
  jobs: {
    batch: {
      tasks: [
        { count: 80, requests: { cpu: '500m', memory: '512Mi' }, duration: '90s' },
        { count: 60, requests: { cpu: '1', memory: '128Mi' }, duration: '45s', at: '20s' },
      ],
    },
  },
};

/** Runs the scenario with the same host troubles at the same instants. */
function run(hostLocal: boolean): Simulation {
  const strategy = kubernetesStrategy();
  const filters = hostLocal ? strategy.filters : defaultFilters().map((f) => ({ ...f, hostLocal: false }));
  const sim = createSimulation(scenario, { strategy: { ...strategy, filters } });
  sim.run('30s');
  sim.setHostState('a-0', 'cordoned');
  sim.setHostState('b-1', 'cordoned');
  sim.run('60s');
  sim.crashHost('a-3', { recoverAfter: '40s' });
  sim.setHostState('a-0', 'ready');
  sim.run('100s');
  sim.setHostState('b-1', 'ready');
  sim.run('15m');
  return sim;
}

describe('Scheduler verdict reuse', () => {
  it('places every container exactly as checking every filter afresh does', () => {
    const reused = run(true);
    const fresh = run(false);
    expect(reused.events()).toEqual(fresh.events());
    expect(reused.counters.placed).toBeGreaterThan(200);
    // Some attempts found a full host, so verdicts of both kinds were reused.
    expect(reused.events().some((e) => e.type === 'placement.rejected')).toBe(true);
  });
});
