import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../scenario/scenarioSchema.js';
import { createSimulation } from '../../simulation/Simulation.js';
import { PRESETS } from './presetCatalog.js';

const strategies = PRESETS;

/** Host name of each named container after placement. */
function placements(scenario: ScenarioInput, names: readonly string[], until = '1s'): Array<string | undefined> {
  const sim = createSimulation(scenario, { strategies }).run(until);
  return names.map((n) => sim.container(n)?.host?.name);
}

const three = (strategy: string): ScenarioInput => ({
  scheduler: { strategy },
  hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '8Gi' } }],
  services: { web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } } } },
});

describe('Swarm classic presets', () => {
  it('swarm-spread puts three containers on three different empty hosts', () => {
    const hosts = placements(three('swarm-spread'), ['web-0', 'web-1', 'web-2']);
    expect(new Set(hosts).size).toBe(3);
  });

  it('swarm-binpack stacks them on one host', () => {
    const hosts = placements(three('swarm-binpack'), ['web-0', 'web-1', 'web-2']);
    expect(new Set(hosts).size).toBe(1);
  });

  it('swarm-spread prefers the lowest cpu%+mem% weight, then fewer containers', () => {
    // big:   8 cpu / 8Gi holding two 1-cpu/1Gi containers → (2000+1000)*100/8000 = 37, (2+1)Gi*100/8Gi = 37 → 74
    // small: 4 cpu / 4Gi holding one 1-cpu/1Gi container  → (1000+1000)*100/4000 = 50, 50 → 100
    // empty: 2 cpu / 2Gi empty                             → 1000*100/2000 = 50, 50 → 100
    // Lowest weight wins: big, although it holds the most containers.
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'swarm-spread' },
      hosts: [
        { name: 'big', capacity: { cpu: '8', memory: '8Gi' } },
        { name: 'small', capacity: { cpu: '4', memory: '4Gi' } },
        { name: 'empty', capacity: { cpu: '2', memory: '2Gi' } },
      ],
      containers: [
        { name: 'b1', host: 'big', requests: { cpu: '1', memory: '1Gi' } },
        { name: 'b2', host: 'big', requests: { cpu: '1', memory: '1Gi' } },
        { name: 's1', host: 'small', requests: { cpu: '1', memory: '1Gi' } },
        { name: 'new', at: '1s', requests: { cpu: '1', memory: '1Gi' } },
      ],
    };
    expect(placements(scenario, ['new'], '2s')).toEqual(['big']);
    // Without big, small and empty tie at 100: fewer containers wins → empty.
    const tied = { ...scenario, hosts: scenario.hosts.slice(1), containers: scenario.containers!.slice(2) };
    expect(placements(tied, ['new'], '2s')).toEqual(['empty']);
  });

  it('swarm-binpack breaks a weight tie towards more containers', () => {
    // Containers without requests weigh 100 + 100 = 200 everywhere; 'busy' holds one already.
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'swarm-binpack' },
      hosts: [
        { name: 'idle', capacity: { cpu: '4', memory: '4Gi' } },
        { name: 'busy', capacity: { cpu: '4', memory: '4Gi' } },
      ],
      containers: [
        { name: 'first', host: 'busy' },
        { name: 'new', at: '1s' },
      ],
    };
    expect(placements(scenario, ['new'], '2s')).toEqual(['busy']);
  });

  it('swarm-random uses every feasible host, reproducibly', () => {
    const scenario: ScenarioInput = {
      seed: 3,
      scheduler: { strategy: 'swarm-random' },
      hosts: [{ group: 'node', count: 4, capacity: { cpu: '64', memory: '64Gi' } }],
      services: { web: { replicas: 40, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    };
    const names = Array.from({ length: 40 }, (_, i) => `web-${i}`);
    const hosts = placements(scenario, names);
    expect(new Set(hosts).size).toBe(4);
    expect(placements(scenario, names)).toEqual(hosts);
  });
});

describe('SwarmKit preset', () => {
  it('orders hosts by fewer tasks of the service, then fewer tasks in total', () => {
    const sim = createSimulation(
      {
        scheduler: { strategy: 'swarmkit' },
        hosts: [
          { name: 'h1', capacity: { cpu: '8', memory: '8Gi' } },
          { name: 'h2', capacity: { cpu: '8', memory: '8Gi' } },
        ],
        containers: [
          { name: 'x1', host: 'h1' },
          { name: 'x2', host: 'h1' },
        ],
      },
      { strategies },
    ).run('1s');
    sim.update((d) => {
      d.services.web = { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } };
    });
    sim.run('2s');
    // web-0: no web anywhere; h2 has fewer tasks in total (0 < 2) → h2.
    // web-1: h1 has fewer web tasks (0 < 1), although it holds more tasks → h1.
    expect(sim.container('web-0')?.host?.name).toBe('h2');
    expect(sim.container('web-1')?.host?.name).toBe('h1');
  });
});
