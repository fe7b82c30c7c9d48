import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { memberOf } from '../../filters/memberOf.js';
import type { ScenarioInput } from '../../scenario/scenarioSchema.js';
import { createSimulation } from '../../simulation/Simulation.js';
import { type EcsPlacementStrategy, ecsPresetName, ecsStrategy } from './ecs.js';
import { PRESETS } from './presetCatalog.js';

const strategies = PRESETS;
const names = (n: number) => Array.from({ length: n }, (_, i) => `web-${i}`);

function hostsOf(scenario: ScenarioInput, replicas: number, options = { strategies }): Array<string | undefined> {
  const sim = createSimulation(scenario, options).run('1s');
  return names(replicas).map((n) => sim.container(n)?.host?.name);
}

const service = (replicas: number, template: Record<string, unknown> = {}) => ({
  web: { replicas, template: { requests: { cpu: '500m', memory: '1Gi' }, ...template } },
});

describe('ECS presets', () => {
  it('ecs-binpack-memory fills the host with least free memory first', () => {
    // small has 4Gi free, big 8Gi: each 1Gi task leaves least memory on small until it is full,
    // so four go to small and the fifth to big.
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'ecs-binpack-memory' },
      hosts: [
        { name: 'big', capacity: { cpu: '16', memory: '8Gi' } },
        { name: 'small', capacity: { cpu: '16', memory: '4Gi' } },
      ],
      services: service(5),
    };
    expect(hostsOf(scenario, 5)).toEqual(['small', 'small', 'small', 'small', 'big']);
  });

  it('ecs-binpack-cpu packs on cpu, ignoring memory', () => {
    // lowcpu: 2 cpu left after a 500m task → 1500m; highcpu: 7500m → lowcpu, despite more memory free there.
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'ecs-binpack-cpu' },
      hosts: [
        { name: 'highcpu', capacity: { cpu: '8', memory: '2Gi' } },
        { name: 'lowcpu', capacity: { cpu: '2', memory: '16Gi' } },
      ],
      services: service(1),
    };
    expect(hostsOf(scenario, 1)).toEqual(['lowcpu']);
  });

  it('ecs-spread-zone puts one task per zone before doubling up', () => {
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'ecs-spread-zone' },
      hosts: [
        { group: 'a', count: 3, capacity: { cpu: '4', memory: '8Gi' }, labels: { zone: 'a' } },
        { group: 'b', count: 1, capacity: { cpu: '4', memory: '8Gi' }, labels: { zone: 'b' } },
        { group: 'c', count: 2, capacity: { cpu: '4', memory: '8Gi' }, labels: { zone: 'c' } },
      ],
      services: service(6),
    };
    const sim = createSimulation(scenario, { strategies }).run('1s');
    const zones = names(6).map((n) => sim.container(n)?.host?.labels.zone);
    // Each of the first three tasks lands in a zone with none yet; then each zone gets a second.
    expect(new Set(zones.slice(0, 3)).size).toBe(3);
    expect(zones.filter((z) => z === 'a')).toHaveLength(2);
    expect(zones.filter((z) => z === 'b')).toHaveLength(2);
  });

  it('ecs-spread-zone-binpack-memory spreads across zones, then binpacks inside a zone', () => {
    // Task 0: both zones empty → binpack memory over all hosts → a-small (least memory left).
    // Task 1: zone b has none → binpack among b-* → b-small. Task 2: tie again → a-small (3Gi left < b-small's).
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'ecs-spread-zone-binpack-memory' },
      hosts: [
        { name: 'a-big', capacity: { cpu: '8', memory: '16Gi' }, labels: { zone: 'a' } },
        { name: 'a-small', capacity: { cpu: '8', memory: '4Gi' }, labels: { zone: 'a' } },
        { name: 'b-big', capacity: { cpu: '8', memory: '16Gi' }, labels: { zone: 'b' } },
        { name: 'b-small', capacity: { cpu: '8', memory: '6Gi' }, labels: { zone: 'b' } },
      ],
      services: service(3),
    };
    expect(hostsOf(scenario, 3)).toEqual(['a-small', 'b-small', 'a-small']);
  });

  it('ecs-random uses every host, reproducibly', () => {
    const scenario: ScenarioInput = {
      seed: 5,
      scheduler: { strategy: 'ecs-random' },
      hosts: [{ group: 'node', count: 4, capacity: { cpu: '64', memory: '64Gi' } }],
      services: service(40),
    };
    const hosts = hostsOf(scenario, 40);
    expect(new Set(hosts).size).toBe(4);
    expect(hostsOf(scenario, 40)).toEqual(hosts);
  });

  it('distinctInstance is antiAffinity: hostname — one task per host, the rest wait', () => {
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'ecs-binpack-memory' },
      hosts: [{ group: 'node', count: 2, capacity: { cpu: '16', memory: '16Gi' } }],
      services: service(3, { antiAffinity: 'hostname' }),
    };
    const hosts = hostsOf(scenario, 3);
    expect(new Set(hosts.slice(0, 2)).size).toBe(2);
    expect(hosts[2]).toBeUndefined();
  });

  it('memberOf restricts the service to matching hosts', () => {
    const scenario: ScenarioInput = {
      scheduler: { strategy: 'ecs-web' },
      hosts: [
        { group: 'a', count: 2, capacity: { cpu: '16', memory: '16Gi' }, labels: { zone: 'a' } },
        { group: 'b', count: 2, capacity: { cpu: '16', memory: '16Gi' }, labels: { zone: 'b' } },
      ],
      services: service(8),
    };
    const custom = {
      'ecs-web': () =>
        ecsStrategy({
          name: 'ecs-web',
          strategies: [{ type: 'random' }],
          constraints: [memberOf('attribute:zone in [b]', { service: 'web' })],
        }),
    };
    const hosts = hostsOf(scenario, 8, { strategies: custom });
    expect(hosts.every((h) => h?.startsWith('b-'))).toBe(true);
  });

  it('names chains by their steps and rejects bad chains', () => {
    const chain: EcsPlacementStrategy[] = [
      { type: 'spread', field: 'attribute:zone' },
      { type: 'spread', field: 'instanceId' },
      { type: 'binpack', field: 'cpu' },
    ];
    expect(ecsPresetName(chain)).toBe('ecs-spread-zone-spread-instance-binpack-cpu');
    expect(ecsStrategy({ strategies: chain }).name).toBe('ecs-spread-zone-spread-instance-binpack-cpu');
    expect(() => ecsStrategy({ strategies: [...chain, ...chain] })).toThrow(ConfigError);
    expect(() => ecsStrategy({ strategies: [{ type: 'pack' } as unknown as EcsPlacementStrategy] })).toThrow(
      /expected 'binpack', 'spread' or 'random', got 'pack'/,
    );
  });
});
