import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';

type Event<T extends ClusterEvent['type']> = Extract<ClusterEvent, { type: T }>;

function eventsOf<T extends ClusterEvent['type']>(events: readonly ClusterEvent[], type: T): Event<T>[] {
  return events.filter((e): e is Event<T> => e.type === type);
}

/**
 * Four containers of 1 cpu / 1 GiB wait on a full cluster; three groups could take them:
 * - small (2 cpu, 4 GiB, max 1, $0.05/h): 1 host, 2 containers; waste 0/2 + 2/4 = 0.5; $0.025 per container
 * - fit (4 cpu, 4 GiB, max 5, $0.20/h): 1 host, 4 containers; waste 0/4 + 0/4 = 0; $0.05 per container
 * - big (16 cpu, 64 GiB, max 5, $0.30/h, priority 10): 1 host, 4 containers; waste 12/16 + 60/64 ≈ 1.69; $0.075
 */
function threeGroups(expander: string, seed = 1): ScenarioInput {
  return {
    seed,
    hosts: [{ group: 'system', count: 1, capacity: { cpu: '1', memory: '1Gi' } }],
    nodeGroups: [
      { name: 'small', template: { capacity: { cpu: '2', memory: '4Gi' } }, max: 1, hourlyCost: 0.05 },
      { name: 'fit', template: { capacity: { cpu: '4', memory: '4Gi' } }, max: 5, hourlyCost: 0.2 },
      { name: 'big', template: { capacity: { cpu: '16', memory: '64Gi' } }, max: 5, hourlyCost: 0.3, priority: 10 },
    ],
    clusterAutoscaler: { expander },
    services: { web: { replicas: 5, template: { requests: { cpu: '1', memory: '1Gi' } } } },
  };
}

function firstScaleUp(scenario: ScenarioInput): Event<'nodegroup.scaledUp'> {
  const sim = createSimulation(scenario).run('1m');
  const ups = eventsOf(sim.events(), 'nodegroup.scaledUp');
  expect(ups.length).toBeGreaterThan(0);
  return ups[0]!;
}

describe('cluster autoscaler scale-up', () => {
  it('grows the group each expander prefers', () => {
    // The system host takes one replica; four are unschedulable at the first scan (10 s).
    const leastWaste = firstScaleUp(threeGroups('least-waste'));
    expect(leastWaste).toMatchObject({ at: 10_000, group: 'fit', hosts: ['fit-0'], containers: 4 });
    expect(firstScaleUp(threeGroups('price'))).toMatchObject({ group: 'small', hosts: ['small-0'], containers: 2 });
    expect(firstScaleUp(threeGroups('priority'))).toMatchObject({ group: 'big', containers: 4 });
    // most-pods keeps fit and big (4 each); least-waste then picks fit.
    expect(firstScaleUp(threeGroups('most-pods,least-waste')).group).toBe('fit');
  });

  it('defaults to least-waste, and most-pods or random break their ties with a seeded draw', () => {
    expect(firstScaleUp({ ...threeGroups('least-waste'), clusterAutoscaler: {} }).group).toBe('fit');
    const mostPods = new Set<string>();
    const random = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      mostPods.add(firstScaleUp(threeGroups('most-pods', seed)).group);
      random.add(firstScaleUp(threeGroups('random', seed)).group);
    }
    expect([...mostPods].sort()).toEqual(['big', 'fit']);
    expect([...random].sort()).toEqual(['big', 'fit', 'small']);
    // The same seed gives the same choice.
    expect(firstScaleUp(threeGroups('random', 5))).toEqual(firstScaleUp(threeGroups('random', 5)));
  });

  it('asks for as many hosts as the binpacking estimate needs, within max, and the containers land on them', () => {
    const sim = createSimulation({
      seed: 2,
      hosts: [{ group: 'system', count: 1, capacity: { cpu: '1', memory: '1Gi' } }],
      nodeGroups: [{ name: 'pool', template: { capacity: { cpu: '4', memory: '16Gi' } }, max: 3 }],
      services: { web: { replicas: 17, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    }).run('30m');
    const ups = eventsOf(sim.events(), 'nodegroup.scaledUp');
    // 16 containers need 4 hosts of 4 cpu; the group may add 3: 12 fit, 4 wait for ever.
    expect(ups).toHaveLength(1);
    expect(ups[0]).toMatchObject({ group: 'pool', hosts: ['pool-0', 'pool-1', 'pool-2'], containers: 12 });
    const joined = eventsOf(sim.events(), 'host.added').filter((e) => e.group === 'pool');
    // The default provisioning delay is uniform 3..4 min after the scan at 10 s.
    for (const e of joined) {
      expect(e.at).toBeGreaterThanOrEqual(10_000 + 180_000);
      expect(e.at).toBeLessThanOrEqual(10_000 + 240_000);
    }
    const placed = [...sim.allContainers()].filter((c) => c.host?.group === 'pool').length;
    expect(placed).toBe(12);
  });

  it('does not scale up again for containers that will fit on hosts still launching', () => {
    const sim = createSimulation({
      seed: 3,
      hosts: [{ group: 'system', count: 1, capacity: { cpu: '1', memory: '1Gi' } }],
      nodeGroups: [
        {
          name: 'pool',
          template: { capacity: { cpu: '4', memory: '16Gi' } },
          max: 10,
          provisioning: { dist: 'constant', value: '5m' },
        },
      ],
      services: { web: { replicas: 5, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    }).run('20m');
    expect(eventsOf(sim.events(), 'nodegroup.scaledUp')).toHaveLength(1);
  });

  it('counts a node not joined within the max provision time as failed and backs the group off', () => {
    const sim = createSimulation({
      seed: 1,
      hosts: [{ group: 'system', count: 1, capacity: { cpu: '1', memory: '1Gi' } }],
      nodeGroups: [
        {
          name: 'slow',
          template: { capacity: { cpu: '4', memory: '16Gi' } },
          max: 10,
          provisioning: { dist: 'constant', value: '20m' },
        },
      ],
      services: { web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    }).run('40m');
    const failed = eventsOf(sim.events(), 'node.launchFailed');
    const ups = eventsOf(sim.events(), 'nodegroup.scaledUp');
    // Launched at 10 s, failed at 15 min 10 s; backed off 5 min, so the next try is at 20 min 10 s,
    // which fails at 35 min 10 s; the next backoff is 10 min.
    expect(failed.map((e) => e.at)).toEqual([910_000, 2_110_000]);
    expect(ups.map((e) => e.at)).toEqual([10_000, 1_210_000]);
    expect(eventsOf(sim.events(), 'host.added').filter((e) => e.group === 'slow')).toHaveLength(0);
  });
});

/** A node group of 2 hosts (min 0) holding `replicas` replicas; the service shrinks to 1 at 30 min. */
function shrinking(extra: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    seed: 7,
    scheduler: { strategy: 'first-fit' },
    hosts: [{ group: 'system', count: 1, capacity: { cpu: '4', memory: '16Gi' } }],
    nodeGroups: [{ name: 'pool', template: { capacity: { cpu: '4', memory: '16Gi' } }, min: 0, max: 4, initial: 2 }],
    services: { web: { replicas: 12, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    changes: [{ at: '30m', service: 'web', replicas: 5 }],
    ...extra,
  };
}

describe('node readiness', () => {
  it('places nothing on a new host before it is ready, and does not scale up again meanwhile', () => {
    // Two 1-cpu replicas wait; the scan of 10 s asks for one 4-cpu host. It joins after its 1 min of
    // provisioning (70 s) not ready, and is ready 2 min later (190 s): the replicas are placed then, and
    // the scans in between count the host as still coming.
    const sim = createSimulation({
      seed: 1,
      hosts: [{ group: 'system', capacity: { cpu: '500m', memory: '1Gi' } }],
      nodeGroups: [
        {
          name: 'pool',
          template: { capacity: { cpu: '4', memory: '16Gi' } },
          max: 5,
          provisioning: { dist: 'constant', value: '1m' },
          readiness: '2m',
        },
      ],
      services: { web: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    }).run('5m');
    expect(eventsOf(sim.events(), 'nodegroup.scaledUp').map((e) => [e.at, e.hosts])).toEqual([[10_000, ['pool-0']]]);
    expect(eventsOf(sim.events(), 'host.state').map((e) => [e.at, e.host, e.to])).toEqual([
      [70_000, 'pool-0', 'not-ready'],
      [190_000, 'pool-0', 'ready'],
    ]);
    const scheduled = eventsOf(sim.events(), 'container.scheduled');
    expect(scheduled.map((e) => [e.at, e.host])).toEqual([
      [190_000, 'pool-0'],
      [190_000, 'pool-0'],
    ]);
  });
});

describe('cluster autoscaler scale-down', () => {
  it('removes an under-used host only once it has been unneeded for the unneeded time', () => {
    // first-fit: the 12 replicas fill system, pool-0 and pool-1. The scale-down to 5 at 30 min is
    // applied before the scan of the same instant (it was scheduled first), so the hosts it leaves
    // below 0.5 utilisation are unneeded from 30 min and removed at the scan 10 min later.
    const sim = createSimulation(shrinking()).run('60m');
    const downs = eventsOf(sim.events(), 'nodegroup.scaledDown');
    expect(downs.length).toBeGreaterThan(0);
    for (const d of downs) {
      expect(d.unneededForMs).toBeGreaterThanOrEqual(600_000);
      expect(d.at).toBeGreaterThanOrEqual(1_800_000 + 600_000);
      expect(d.utilization).toBeLessThan(0.5);
    }
    expect(downs[0]!.at).toBe(1_800_000 + 600_000);
  });

  it('forgets a host that was unneeded once it is needed again before the unneeded time', () => {
    const sim = createSimulation(
      shrinking({
        changes: [
          { at: '30m', service: 'web', replicas: 5 },
          { at: '35m', service: 'web', replicas: 12 },
        ],
      }),
    ).run('90m');
    expect(eventsOf(sim.events(), 'nodegroup.scaledDown')).toHaveLength(0);
  });

  it('never removes a host while its utilisation is at or above the threshold', () => {
    const sim = createSimulation(shrinking({ changes: [{ at: '30m', service: 'web', replicas: 10 }] })).run('90m');
    // 10 replicas on first-fit: system 4, pool-0 4, pool-1 2 = 0.5, not below the threshold.
    expect(eventsOf(sim.events(), 'nodegroup.scaledDown')).toHaveLength(0);
  });

  it('waits the delay after a scale-up before any scale-down', () => {
    const sim = createSimulation({
      ...shrinking(),
      nodeGroups: [
        {
          name: 'pool',
          template: { capacity: { cpu: '4', memory: '16Gi' } },
          max: 4,
          initial: 2,
          provisioning: { dist: 'constant', value: '1m' },
        },
      ],
      // Growth at 30 min (a scale-up at 30 min 10 s), then shrink at 31 min: hosts are unneeded from
      // 31 min 10 s, due at 41 min 10 s; the delay after the add holds them until 40 min 10 s.
      changes: [
        { at: '30m', service: 'web', replicas: 16 },
        { at: '31m', service: 'web', replicas: 2 },
      ],
      clusterAutoscaler: { scaleDownDelayAfterAdd: '20m' },
    }).run('80m');
    const up = eventsOf(sim.events(), 'nodegroup.scaledUp')[0]!;
    expect(up.at).toBe(1_810_000);
    const downs = eventsOf(sim.events(), 'nodegroup.scaledDown');
    expect(downs.length).toBeGreaterThan(0);
    expect(downs[0]!.at).toBe(1_810_000 + 1_200_000);
  });

  it('keeps a host holding a container without a controller', () => {
    const sim = createSimulation(
      shrinking({
        containers: [{ name: 'pet', at: '1m', requests: { cpu: '100m' }, nodeSelector: { role: 'pool' } }],
        nodeGroups: [
          {
            name: 'pool',
            template: { capacity: { cpu: '4', memory: '16Gi' }, labels: { role: 'pool' } },
            min: 0,
            max: 4,
            initial: 2,
          },
        ],
      }),
    ).run('90m');
    const pet = sim.container('pet')!;
    expect(pet.phase).toBe('running');
    const removed = eventsOf(sim.events(), 'nodegroup.scaledDown').map((e) => e.host);
    expect(removed.length).toBeGreaterThan(0);
    expect(removed).not.toContain(pet.host!.name);
  });

  it("counts each host it picks against the services' disruption budgets, across hosts", () => {
    // One replica on each of three pool hosts (LeastAllocated spreads them). pool-0 is unneeded (0.25
    // used, its replica fits on pool-1); so would pool-1 be (its replica fits on pool-2), but the budget
    // allows one disruption and pool-0 took it: pool-1 goes only in a later pass, 10 min after it.
    const sim = createSimulation({
      seed: 5,
      hosts: [{ group: 'system', capacity: { cpu: '1', memory: '4Gi' } }],
      nodeGroups: [
        {
          name: 'pool',
          template: { capacity: { cpu: '4', memory: '16Gi' }, labels: { role: 'pool' } },
          max: 3,
          initial: 3,
        },
      ],
      clusterAutoscaler: { maxDrainParallelism: 2 },
      services: {
        web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' }, nodeSelector: { role: 'pool' } } },
      },
      disruptionBudgets: { web: { minAvailable: 2 } },
    });
    sim.run('1h');
    const first = new Map<string, string>();
    for (const e of eventsOf(sim.events(), 'container.scheduled'))
      if (!first.has(e.container)) first.set(e.container, e.host);
    expect([first.get('web-0'), first.get('web-1'), first.get('web-2')].sort()).toEqual(['pool-0', 'pool-1', 'pool-2']);
    const downs = eventsOf(sim.events(), 'nodegroup.scaledDown');
    expect(downs).toHaveLength(2);
    expect(downs[1]!.at - downs[0]!.at).toBeGreaterThanOrEqual(600_000);
    expect(eventsOf(sim.events(), 'nodegroup.scaleDownFailed')).toEqual([]);
  });

  it('gives up a removal whose evicted containers outlast the graceful-termination limit, then waits the delay after a failure', () => {
    // Three pool hosts, one replica each (LeastAllocated spreads them), 0.125 used: pool-0 and pool-1 are
    // unneeded (each replica fits on a host not going), pool-2 is not (nowhere left for its replica).
    // pool-0 is drained first (drains one at a time); its replica's preStop hook holds it 20 min. With
    // --max-graceful-termination-sec 0, CA sets no grace period of its own (evictPod caps only when the
    // flag is above 0) and waits 0 + 30 s (PodEvictionHeadroom): the removal fails 30 s after the
    // eviction, pool-0 is uncordoned, and pool-1, due all along, is drained only once the 3 min delay
    // after a failed scale-down has passed.
    const scenario = (delayAfterFailure: string, maxGracefulTermination?: string): ScenarioInput => ({
      seed: 3,
      hosts: [{ group: 'system', capacity: { cpu: '1', memory: '4Gi' } }],
      nodeGroups: [
        {
          name: 'pool',
          template: { capacity: { cpu: '4', memory: '16Gi' }, labels: { role: 'pool' } },
          max: 3,
          initial: 3,
        },
      ],
      clusterAutoscaler: {
        scaleDownDelayAfterFailure: delayAfterFailure,
        ...(maxGracefulTermination === undefined ? {} : { maxGracefulTermination }),
      },
      services: {
        web: {
          replicas: 3,
          template: {
            requests: { cpu: '500m', memory: '1Gi' },
            nodeSelector: { role: 'pool' },
            preStop: '20m',
            terminationGracePeriod: '25m',
          },
        },
      },
    });
    const sim = createSimulation(scenario('3m', '0s')).run('40m');
    const downs = eventsOf(sim.events(), 'nodegroup.scaledDown');
    const failed = eventsOf(sim.events(), 'nodegroup.scaleDownFailed');
    expect(downs.map((d) => d.host).slice(0, 2)).toEqual(['pool-0', 'pool-1']);
    expect(downs[0]!.at).toBe(610_000);
    expect(failed[0]!.host).toBe('pool-0');
    expect(failed[0]!.at - downs[0]!.at).toBe(30_000);
    expect(failed[0]!.reason).toBe('containers still terminating 30000 ms after their eviction');
    expect(downs[1]!.at - failed[0]!.at).toBe(180_000);
    expect(sim.events()).toContainEqual({
      at: 640_000,
      type: 'host.state',
      host: 'pool-0',
      from: 'cordoned',
      to: 'ready',
    });
    // Without the delay, pool-1 goes at the next scan.
    const eager = createSimulation(scenario('0s', '0s')).run('40m');
    const eagerDowns = eventsOf(eager.events(), 'nodegroup.scaledDown');
    const eagerFailed = eventsOf(eager.events(), 'nodegroup.scaleDownFailed');
    expect(eagerDowns[1]!.at - eagerFailed[0]!.at).toBeLessThanOrEqual(10_000);
  });

  it("cuts an evicted container's grace period at --max-graceful-termination-sec, so the drain completes", () => {
    // The same 20 min preStop hook under CA's default flag (600 s): evictPod (core/scaledown/actuation/
    // drain.go) sends the eviction with GracePeriodSeconds = min(pod's, 600), so the replica is killed
    // 600 s after its eviction at 610 s, within the 630 s CA waits, and pool-0 is removed: no failure.
    const sim = createSimulation({
      seed: 3,
      hosts: [{ group: 'system', capacity: { cpu: '1', memory: '4Gi' } }],
      nodeGroups: [
        {
          name: 'pool',
          template: { capacity: { cpu: '4', memory: '16Gi' }, labels: { role: 'pool' } },
          max: 3,
          initial: 3,
        },
      ],
      services: {
        web: {
          replicas: 3,
          template: {
            requests: { cpu: '500m', memory: '1Gi' },
            nodeSelector: { role: 'pool' },
            preStop: '20m',
            terminationGracePeriod: '25m',
          },
        },
      },
    }).run('40m');
    const downs = eventsOf(sim.events(), 'nodegroup.scaledDown');
    expect(downs[0]).toMatchObject({ at: 610_000, host: 'pool-0' });
    expect(eventsOf(sim.events(), 'nodegroup.scaleDownFailed')).toEqual([]);
    const evicted = eventsOf(sim.events(), 'container.evicted').filter((e) => e.host === 'pool-0');
    expect(evicted.map((e) => e.at)).toEqual([1_210_000]);
    expect(sim.events()).toContainEqual({ at: 1_210_000, type: 'node.removed', host: 'pool-0', group: 'pool' });
  });

  it('never goes below min', () => {
    const sim = createSimulation(
      shrinking({
        nodeGroups: [
          { name: 'pool', template: { capacity: { cpu: '4', memory: '16Gi' } }, min: 2, max: 4, initial: 2 },
        ],
        changes: [{ at: '30m', service: 'web', replicas: 0 }],
      }),
    ).run('2h');
    expect(eventsOf(sim.events(), 'nodegroup.scaledDown')).toHaveLength(0);
  });
});
