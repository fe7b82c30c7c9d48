import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation, type Simulation } from '../simulation/Simulation.js';
import { type ScriptedFault, scriptedFaults } from './scriptedFaults.js';

const MINUTE = 60_000;

const cluster: ScenarioInput = {
  seed: 4,
  scheduler: { strategy: 'first-fit' },
  hosts: [
    { group: 'east', count: 2, capacity: { cpu: '4', memory: '8Gi' }, labels: { zone: 'east' } },
    { group: 'west', count: 2, capacity: { cpu: '4', memory: '8Gi' }, labels: { zone: 'west' } },
  ],
  services: { web: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } } },
};

function seen(sim: Simulation, ...types: ClusterEvent['type'][]): string[] {
  return sim
    .events()
    .filter((e) => types.includes(e.type))
    .map(
      (e) => `${e.at} ${e.type} ${'host' in e && !('container' in e) ? e.host : 'container' in e ? e.container : ''}`,
    );
}

function issuesOf(f: () => unknown): string[] {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((i) => i.path);
  }
  throw new Error('expected a ConfigError');
}

describe('scriptedFaults', () => {
  it('crashes a host at its time and brings it back after recoverAfter', () => {
    const sim = createSimulation(cluster);
    scriptedFaults([{ at: '5m', kind: 'host-crash', host: 'west-1', recoverAfter: '2m' }]).attach(sim);
    sim.run('10m');
    expect(seen(sim, 'host.crashed', 'host.recovered')).toEqual([
      `${5 * MINUTE} host.crashed west-1`,
      `${7 * MINUTE} host.recovered west-1`,
    ]);
  });

  it('partitions a host and heals it', () => {
    const sim = createSimulation(cluster);
    scriptedFaults([{ at: 60_000, kind: 'partition', host: 'east-0', healAfter: 30_000 }]).attach(sim);
    sim.run('5m');
    expect(seen(sim, 'host.partitioned', 'host.healed')).toEqual([
      '60000 host.partitioned east-0',
      '90000 host.healed east-0',
    ]);
  });

  it('takes a whole zone down at once, and back', () => {
    const sim = createSimulation(cluster);
    scriptedFaults([{ at: '1m', kind: 'zone-outage', key: 'zone', value: 'east', recoverAfter: '20m' }]).attach(sim);
    sim.run('30m');
    expect(seen(sim, 'host.crashed', 'host.recovered')).toEqual([
      `${MINUTE} host.crashed east-0`,
      `${MINUTE} host.crashed east-1`,
      `${21 * MINUTE} host.recovered east-0`,
      `${21 * MINUTE} host.recovered east-1`,
    ]);
    // first-fit put both replicas on east-0: they were evicted after 50 s + 300 s and now run in the west.
    expect(sim.container('web-2')!.host!.labels.zone).toBe('west');
  });

  it('crashes, hangs and fails the readiness of containers', () => {
    const sim = createSimulation(cluster);
    scriptedFaults([
      { at: '1m', kind: 'container-crash', container: 'web-0', reason: 'segfault' },
      { at: '2m', kind: 'readiness-failure', container: 'web-1', duration: '1m' },
      { at: '3m', kind: 'hang', container: 'web-1' },
    ]).attach(sim);
    sim.run('4m');
    const crash = sim.events().find((e) => e.type === 'container.crashed')!;
    expect(crash).toMatchObject({ at: MINUTE, container: 'web-0', reason: 'segfault' });
    const web1 = sim.container('web-1')!;
    expect(web1.health.unreadyUntil).toBe(3 * MINUTE);
    expect(web1.health.hung).toBe(true);
  });

  it('leaves a container that is not running alone', () => {
    const sim = createSimulation(cluster);
    scriptedFaults([
      { at: 0, kind: 'container-crash', container: 'web-0' },
      { at: '1m', kind: 'host-crash', host: 'east-0' },
      { at: '2m', kind: 'hang', container: 'web-0' },
    ]).attach(sim);
    sim.run('3m');
    // At 0 the replica was still starting; at 2 min it had died with its host.
    expect(sim.events().filter((e) => e.type === 'container.crashed')).toEqual([]);
    expect(sim.container('web-0')!.health.hung).toBe(false);
  });

  it('checks the list when created, reporting every problem by path', () => {
    const faults = [
      { at: 'soon', kind: 'host-crash', host: 'east-0' },
      { at: 0, kind: 'meteor' },
      { at: 0, kind: 'readiness-failure', container: 'web-0' },
      { kind: 'partition', host: '' },
      { at: 0, kind: 'zone-outage', key: 'zone', value: 'east', recoverAfter: -5, mode: 'flood' },
    ] as unknown as ScriptedFault[];
    // Checked by the scenario's own schema, so reported as a scenario's are: in input order, a missing
    // key after the keys given.
    expect(issuesOf(() => scriptedFaults(faults))).toEqual([
      'faults[0].at',
      'faults[1].kind',
      'faults[2].duration',
      'faults[3].host',
      'faults[3].at',
      'faults[4].recoverAfter',
      'faults[4].mode',
    ]);
    expect(issuesOf(() => scriptedFaults('x' as never))).toEqual(['faults']);
  });

  it('checks the list against the cluster when attached', () => {
    const sim = createSimulation(cluster).run('10m');
    const model = scriptedFaults([
      { at: '5m', kind: 'host-crash', host: 'east-0' },
      { at: '20m', kind: 'partition', host: 'north-0' },
      { at: '20m', kind: 'zone-outage', key: 'zone', value: 'north' },
    ]);
    expect(issuesOf(() => model.attach(sim))).toEqual(['faults[0].at', 'faults[1].host', 'faults[2].value']);
  });

  it('throws when a container fault names no container', () => {
    const sim = createSimulation(cluster);
    scriptedFaults([{ at: '1m', kind: 'hang', container: 'nope' }]).attach(sim);
    expect(issuesOf(() => sim.run('2m'))).toEqual(['faults[0].container']);
  });
});
