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

describe('SwarmKit placement preferences', () => {
  // Zone a has three hosts, b one, c two: without preferences SwarmKit puts one task per host.
  const zones: ScenarioInput['hosts'] = [
    { group: 'a', count: 3, capacity: { cpu: '8000m', memory: '8Gi' }, labels: { zone: 'a' } },
    { group: 'b', count: 1, capacity: { cpu: '8000m', memory: '8Gi' }, labels: { zone: 'b' } },
    { group: 'c', count: 2, capacity: { cpu: '8000m', memory: '8Gi' }, labels: { zone: 'c' } },
  ];
  const web = (replicas: number, template: Record<string, unknown> = {}): ScenarioInput['services'] => ({
    web: { replicas, template: { requests: { cpu: '500m', memory: '512Mi' }, ...template } },
  });
  const zonesOf = (scenario: ScenarioInput, replicas: number): string[] => {
    const sim = createSimulation(scenario, { strategies }).run('1s');
    return Array.from({ length: replicas }, (_, i) => sim.container(`web-${i}`)?.host?.labels.zone ?? '-');
  };
  const count = (zs: string[]) => Object.fromEntries(['a', 'b', 'c'].map((z) => [z, zs.filter((x) => x === z).length]));

  it('spread: node.labels.zone puts 2 of 6 tasks in each zone, whatever the zone sizes', () => {
    const scenario: ScenarioInput = {
      seed: 4,
      scheduler: { strategy: 'swarmkit' },
      hosts: zones,
      services: web(6, { placementPreferences: [{ spread: 'node.labels.zone' }] }),
    };
    expect(count(zonesOf(scenario, 6))).toEqual({ a: 2, b: 2, c: 2 });
    // Without the preference: one task per host, so zones get 3, 1 and 2.
    expect(count(zonesOf({ ...scenario, services: web(6) }, 6))).toEqual({ a: 3, b: 1, c: 2 });
  });

  it('is hierarchical: even over datacenters, then over racks inside each', () => {
    const hosts: ScenarioInput['hosts'] = [
      { group: 'east-r1', count: 2, capacity: { cpu: '8000m', memory: '8Gi' }, labels: { dc: 'east', rack: 'r1' } },
      { group: 'east-r2', count: 1, capacity: { cpu: '8000m', memory: '8Gi' }, labels: { dc: 'east', rack: 'r2' } },
      { group: 'west-r1', count: 3, capacity: { cpu: '8000m', memory: '8Gi' }, labels: { dc: 'west', rack: 'r1' } },
    ];
    const sim = createSimulation(
      {
        seed: 2,
        scheduler: { strategy: 'swarmkit' },
        hosts,
        services: web(8, { placementPreferences: [{ spread: 'node.labels.dc' }, { spread: 'node.labels.rack' }] }),
      },
      { strategies },
    ).run('1s');
    const groups = Array.from({ length: 8 }, (_, i) => sim.container(`web-${i}`)?.host?.group);
    // 4 per datacenter; east's 4 split 2 and 2 over its racks (rack r1 of west is another branch).
    expect(groups.filter((g) => g === 'west-r1')).toHaveLength(4);
    expect(groups.filter((g) => g === 'east-r1')).toHaveLength(2);
    expect(groups.filter((g) => g === 'east-r2')).toHaveLength(2);
  });

  it('hosts without the label form a branch of their own', () => {
    const hosts: ScenarioInput['hosts'] = [
      { group: 'a', count: 2, capacity: { cpu: '8000m', memory: '8Gi' }, labels: { zone: 'a' } },
      { group: 'none', count: 2, capacity: { cpu: '8000m', memory: '8Gi' } },
    ];
    const sim = createSimulation(
      {
        seed: 1,
        scheduler: { strategy: 'swarmkit' },
        hosts,
        services: web(4, { placementPreferences: [{ spread: 'node.labels.zone' }] }),
      },
      { strategies },
    ).run('1s');
    const groups = Array.from({ length: 4 }, (_, i) => sim.container(`web-${i}`)?.host?.group);
    expect(groups.filter((g) => g === 'none')).toHaveLength(2);
  });

  it('rejects a preference that is not node.labels.<label>, naming the field', () => {
    expect(() =>
      createSimulation(
        { hosts: zones, services: web(1, { placementPreferences: [{ spread: 'engine.labels.zone' }] }) },
        { strategies },
      ),
    ).toThrow(
      /expected 'node\.labels\.<label>', such as 'node\.labels\.zone' \(SwarmKit spreads over node labels\), got 'engine\.labels\.zone'\s+→ at services\.web\.template\.placementPreferences\[0\]\.spread/,
    );
  });
});

describe('SwarmKit avoids hosts where the service keeps failing', () => {
  // h2 holds an unrelated task, so with no failures a lone web task goes to h1 (fewer tasks in total).
  const scenario: ScenarioInput = {
    scheduler: { strategy: 'swarmkit' },
    hosts: [
      { name: 'h1', capacity: { cpu: '8000m', memory: '8Gi' } },
      { name: 'h2', capacity: { cpu: '8000m', memory: '8Gi' } },
    ],
    containers: [{ name: 'other', host: 'h2', requests: { cpu: '500m', memory: '512Mi' } }],
    services: { web: { replicas: 1, template: { requests: { cpu: '500m', memory: '512Mi' } } } },
  };

  /** Crashes web-0 `crashes` times (each restart in place), removes it, waits `wait`, and places a new task (web-1). */
  function newTaskAfter(crashes: number, wait: string): string | undefined {
    const sim = createSimulation(scenario, { strategies }).run('1s');
    expect(sim.container('web-0')?.host?.name).toBe('h1');
    // Crashes at 1, 11, 31, 71 and 151 s: CrashLoopBackOff restarts it after 10, 20, 40, 80 s.
    for (let i = 0; i < crashes; i++) {
      if (i > 0) sim.runUntil((s) => s.container('web-0')!.phase === 'running', 600_000);
      sim.crashContainer('web-0');
    }
    sim.update((d) => {
      d.services.web!.replicas = 0;
    });
    sim.run(sim.now + 1000 + parseDuration(wait));
    sim.update((d) => {
      d.services.web!.replicas = 1;
    });
    sim.run(sim.now + 1000);
    return sim.container('web-1')?.host?.name;
  }

  it('5 failures within 5 minutes: the new task goes elsewhere', () => {
    expect(newTaskAfter(5, '0s')).toBe('h2');
  });

  it('4 failures are not enough (maxFailures = 5)', () => {
    expect(newTaskAfter(4, '0s')).toBe('h1');
  });

  it('failures older than 5 minutes no longer count', () => {
    expect(newTaskAfter(5, '5m')).toBe('h1');
  });
});

function parseDuration(text: string): number {
  const m = /^(\d+)(s|m)$/.exec(text)!;
  return Number(m[1]) * (m[2] === 'm' ? 60_000 : 1000);
}
