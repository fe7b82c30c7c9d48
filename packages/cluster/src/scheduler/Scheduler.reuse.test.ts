import { describe, expect, it } from 'vitest';
import { defaultFilters } from '../filters/defaultFilters.js';
import { gpuStrategy } from '../gpu/gpuStrategy.js';
import { gpuBestFit } from '../gpu/policies/gpuBestFit.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { kubernetesStrategy } from '../strategies/presets/kubernetes.js';
import type { Strategy } from './Strategy.js';

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

// GPU containers of several kinds, interleaved: kinds with the same cpu, memory and GPU amount that
// accept different models hold the same request values, and their verdicts must not be mixed up.
const models = [undefined, ['T4'], ['G2'], ['G2', 'V100M16']];
const shapes = [{ milli: 250 }, { milli: 460 }, { count: 1 }, { count: 2 }];
const gpuScenario: ScenarioInput = {
  seed: 11,
  hosts: [
    { group: 't4', count: 6, capacity: { cpu: '16000m', memory: '64Gi' }, gpus: { model: 'T4', count: 2 } },
    { group: 'g2', count: 4, capacity: { cpu: '32000m', memory: '128Gi' }, gpus: { model: 'G2', count: 4 } },
    { group: 'v', count: 2, capacity: { cpu: '8000m', memory: '32Gi' }, gpus: { model: 'V100M16', count: 8 } },
  ],
  containers: Array.from({ length: 160 }, (_, i) => ({
    name: `pod-${i}`,
    at: `${i * 250}ms`,
    requests: { cpu: i % 5 === 0 ? '500m' : '1000m', memory: '2Gi' },
    gpu: { ...shapes[Math.floor(i / 4) % 4]!, ...(models[i % 4] === undefined ? {} : { models: models[i % 4] }) },
    duration: `${5 + ((i * 13) % 20)}s`,
  })),
};

/** Runs the GPU scenario with `strategy`, its filters host-local or not, and a host cordoned for a while. */
function runGpu(strategy: () => Strategy, hostLocal: boolean): Simulation {
  const s = strategy();
  const filters = hostLocal ? s.filters : s.filters.map((f) => ({ ...f, hostLocal: false }));
  const sim = createSimulation(gpuScenario, { strategy: { ...s, filters } });
  sim.run('10s');
  sim.setHostState('g2-1', 'cordoned');
  sim.run('20s');
  sim.setHostState('g2-1', 'ready');
  sim.run('2m');
  return sim;
}

describe('Scheduler verdict reuse with GPU devices', () => {
  it.each([
    ['gpu-best-fit', () => gpuStrategy(gpuBestFit(), 'gpu-best-fit')],
    ['kubernetes', kubernetesStrategy],
  ])('places every container as checking every filter afresh does (%s)', (_name, strategy) => {
    const reused = runGpu(strategy, true);
    const fresh = runGpu(strategy, false);
    expect(reused.events()).toEqual(fresh.events());
    expect(reused.counters.placed).toBeGreaterThan(100);
    // Some hosts were refused for their model, so verdicts that depend on the GPU request were reused.
    const reasons = new Set(
      reused.events().flatMap((e) => (e.type === 'placement.rejected' ? Object.keys(e.reasons) : [])),
    );
    expect(reasons).toContain('GPU model not accepted');
  });
});
