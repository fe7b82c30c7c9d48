import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { collectNodeScaling } from './NodeScalingCollector.js';

/** The host the control plane runs on: tainted, so no workload lands there (Karpenter itself needs a node). */
const CONTROL_PLANE = {
  name: 'control',
  capacity: { cpu: '2', memory: '4Gi' },
  taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }],
};

type Event<T extends ClusterEvent['type']> = Extract<ClusterEvent, { type: T }>;

function eventsOf<T extends ClusterEvent['type']>(events: readonly ClusterEvent[], type: T): Event<T>[] {
  return events.filter((e): e is Event<T> => e.type === type);
}

const TYPES = [
  { name: 'c.large', capacity: { cpu: '2', memory: '4Gi' }, hourlyCost: 0.085 },
  { name: 'c.xlarge', capacity: { cpu: '4', memory: '8Gi' }, hourlyCost: 0.17 },
  { name: 'c.2xlarge', capacity: { cpu: '8', memory: '16Gi' }, hourlyCost: 0.34 },
];

function pool(extra: Partial<NonNullable<ScenarioInput['provisioner']>> = {}): ScenarioInput['provisioner'] {
  return { instanceTypes: TYPES, provisioning: { dist: 'constant', value: '1m' }, ...extra };
}

describe('node provisioner', () => {
  it('launches the cheapest type that holds the batch, once the batch window closes', () => {
    const sim = createSimulation({
      seed: 1,
      hosts: [CONTROL_PLANE],
      provisioner: pool(),
      services: { web: { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    }).run('5m');
    // Three containers of 1 cpu: the first two fit every type, the third only c.xlarge and up; the
    // cheapest left is c.xlarge. Rejected at 0, the batch closes 1 s later (no new container).
    const launched = eventsOf(sim.events(), 'provisioner.launched');
    expect(launched).toEqual([
      {
        at: 1000,
        type: 'provisioner.launched',
        host: 'provisioner-0',
        instanceType: 'c.xlarge',
        hourlyCost: 0.17,
        containers: 3,
        reason: '3 pending container(s)',
      },
    ]);
    expect([...sim.allContainers()].every((c) => c.host?.name === 'provisioner-0')).toBe(true);
  });

  it('starts a new host when no type left can hold the next container, and skips containers no type fits', () => {
    const sim = createSimulation({
      seed: 1,
      hosts: [CONTROL_PLANE],
      provisioner: pool(),
      services: {
        web: { replicas: 3, template: { requests: { cpu: '3', memory: '1Gi' } } },
        huge: { replicas: 1, template: { requests: { cpu: '64' } } },
      },
    }).run('5m');
    // 3 cpu each: two share a c.2xlarge (6 of 8), the third opens a second host, a c.xlarge.
    const launched = eventsOf(sim.events(), 'provisioner.launched').map((e) => [e.instanceType, e.containers]);
    expect(launched).toEqual([
      ['c.2xlarge', 2],
      ['c.xlarge', 1],
    ]);
    expect(sim.container('huge-0')!.host).toBeNull();
  });

  it('deletes a host whose containers all fit on the other hosts', () => {
    const sim = createSimulation({
      seed: 2,
      hosts: [{ group: 'system', count: 1, capacity: { cpu: '4', memory: '16Gi' } }],
      provisioner: pool(),
      scheduler: { strategy: 'first-fit' },
      services: { web: { replicas: 6, template: { requests: { cpu: '1', memory: '1Gi' } } } },
      changes: [{ at: '20m', service: 'web', replicas: 4 }],
    }).run('40m');
    // The system host takes 4 replicas, a c.large the other 2. After the scale-down to 4, whichever
    // replicas were removed, the c.large's remaining ones fit on the system host: it is deleted.
    const disrupted = eventsOf(sim.events(), 'provisioner.disrupted');
    expect(disrupted).toHaveLength(1);
    expect(disrupted[0]).toMatchObject({ host: 'provisioner-0', action: 'delete', replacement: null });
    expect(disrupted[0]!.at).toBeGreaterThan(1_200_000);
    const running = [...sim.allContainers()].filter((c) => c.phase === 'running');
    expect(running.map((c) => c.host!.name)).toEqual(['system-0', 'system-0', 'system-0', 'system-0']);
  });

  it('replaces an under-used host with a cheaper type that holds its containers', () => {
    const sim = createSimulation({
      seed: 3,
      hosts: [CONTROL_PLANE],
      provisioner: pool(),
      services: { web: { replicas: 6, template: { requests: { cpu: '1', memory: '1Gi' } } } },
      changes: [{ at: '20m', service: 'web', replicas: 1 }],
    }).run('40m');
    const disrupted = eventsOf(sim.events(), 'provisioner.disrupted');
    // The c.2xlarge for six replicas is left with one; nothing else can take it, but a c.large can.
    expect(disrupted[0]).toMatchObject({ host: 'provisioner-0', action: 'replace', reason: 'Underutilized' });
    const replacement = disrupted[0]!.replacement!;
    const launched = eventsOf(sim.events(), 'provisioner.launched').find((e) => e.host === replacement)!;
    expect(launched.instanceType).toBe('c.large');
    // The old host is drained only after the replacement joined (1 min later), then removed.
    const joined = eventsOf(sim.events(), 'host.added').find((e) => e.host === replacement)!;
    const removed = eventsOf(sim.events(), 'node.removed').find((e) => e.host === 'provisioner-0')!;
    expect(joined.at).toBe(disrupted[0]!.at + 60_000);
    expect(removed.at).toBeGreaterThanOrEqual(joined.at);
    const running = [...sim.allContainers()].filter((c) => c.phase === 'running');
    expect(running.map((c) => c.host!.name)).toEqual([replacement]);
  });

  it('with WhenEmpty, leaves an under-used host alone', () => {
    const sim = createSimulation({
      seed: 3,
      hosts: [CONTROL_PLANE],
      provisioner: pool({ consolidationPolicy: 'WhenEmpty' }),
      services: { web: { replicas: 6, template: { requests: { cpu: '1', memory: '1Gi' } } } },
      changes: [{ at: '20m', service: 'web', replicas: 1 }],
    }).run('60m');
    expect(eventsOf(sim.events(), 'provisioner.disrupted')).toEqual([]);
  });

  it('acts on a command only after the validation delay, and only if it still holds', () => {
    const sim = createSimulation({
      seed: 4,
      hosts: [CONTROL_PLANE],
      provisioner: pool(),
      services: { web: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } } },
      changes: [{ at: '10m', service: 'web', replicas: 0 }],
    }).run('20m');
    const d = eventsOf(sim.events(), 'provisioner.disrupted');
    // Empty at 10 min; the disruption scan at 10 min finds it (consolidateAfter 0) and acts 15 s later.
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ at: 615_000, action: 'delete', reason: 'Empty' });
  });
});

describe('provisioner node readiness', () => {
  it('a launched host takes its containers only once it is ready, and is not launched twice', () => {
    // The batch closes at 1 s; the host joins at 61 s, not ready, and is ready at 91 s.
    const sim = createSimulation({
      seed: 1,
      hosts: [CONTROL_PLANE],
      provisioner: pool({ readiness: '30s' }),
      services: { web: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } } },
    }).run('5m');
    expect(eventsOf(sim.events(), 'provisioner.launched')).toHaveLength(1);
    expect(eventsOf(sim.events(), 'container.scheduled').map((e) => e.at)).toEqual([91_000, 91_000]);
  });
});

describe('multi-node consolidation', () => {
  /**
   * Six 1-cpu replicas arrive two at a time, 5 min apart: each pair gets a 2-cpu host ($0.10, the
   * cheapest that holds it), so three full hosts, $0.30 an hour. No single host can go (its replicas fit
   * nowhere else) or be replaced by a cheaper type (none holds 2 cpu for less). With `consolidateAfter:
   * 20m` the first two hosts become candidates together (their replicas came at 1 and 6 min): the binary
   * search over them finds that both fit on one 8-cpu host at $0.18 < $0.20, and one command replaces
   * both. The third host's replicas then fit on the new host: it is deleted once it is a candidate. The
   * budget must let two hosts be disrupted at once (the default 10 % of 3 hosts, rounded up, is 1).
   */
  function pairs(bigPrice: number, budget: number | string = 3): ScenarioInput {
    return {
      seed: 2,
      hosts: [CONTROL_PLANE],
      provisioner: {
        instanceTypes: [
          { name: 'small', capacity: { cpu: '2', memory: '4Gi' }, hourlyCost: 0.1 },
          { name: 'big', capacity: { cpu: '8', memory: '16Gi' }, hourlyCost: bigPrice },
        ],
        provisioning: { dist: 'constant', value: '1m' },
        consolidateAfter: '20m',
        budgets: [{ nodes: budget }],
      },
      services: { web: { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } } },
      changes: [
        { at: '5m', service: 'web', replicas: 4 },
        { at: '10m', service: 'web', replicas: 6 },
      ],
    };
  }

  it('replaces several full hosts at once with one host cheaper than them together', () => {
    const sim = createSimulation(pairs(0.18)).run('45m');
    const launched = eventsOf(sim.events(), 'provisioner.launched').map((e) => [e.host, e.instanceType]);
    expect(launched).toEqual([
      ['provisioner-0', 'small'],
      ['provisioner-1', 'small'],
      ['provisioner-2', 'small'],
      ['provisioner-3', 'big'],
    ]);
    const disrupted = eventsOf(sim.events(), 'provisioner.disrupted');
    expect(disrupted.map((e) => [e.host, e.action, e.replacement])).toEqual([
      ['provisioner-0', 'replace', 'provisioner-3'],
      ['provisioner-1', 'replace', 'provisioner-3'],
      ['provisioner-2', 'delete', null],
    ]);
    // The first two in one command, at one instant: provisioner-1 joined with its replicas at 6 min 1 s
    // (1 s batch, 1 min provisioning), a candidate 20 min later, found by the scan of 26 min 10 s and
    // acted on after the 15 s validation.
    expect(disrupted[0]!.at).toBe(1_585_000);
    expect(disrupted[1]!.at).toBe(disrupted[0]!.at);
    const web = [...sim.allContainers()].filter((c) => c.service === 'web' && c.phase === 'running');
    expect(web).toHaveLength(6);
    expect(new Set(web.map((c) => c.host!.name))).toEqual(new Set(['provisioner-3']));
  });

  it('keeps the hosts when the one that would replace them is not cheaper, or the budget allows one host', () => {
    expect(eventsOf(createSimulation(pairs(0.3)).run('45m').events(), 'provisioner.disrupted')).toEqual([]);
    expect(eventsOf(createSimulation(pairs(0.18, '10%')).run('45m').events(), 'provisioner.disrupted')).toEqual([]);
  });
});

describe('a cron-like workload every 5 minutes', () => {
  /** 24 runs, one every 5 min, of a job with 3 tasks of 1 cpu lasting 2 min. */
  function cron(consolidateAfter: string): ScenarioInput {
    const jobs: NonNullable<ScenarioInput['jobs']> = {};
    for (let k = 0; k < 24; k++)
      jobs[`cron-${k}`] = {
        submitAt: k * 300_000,
        tasks: [{ count: 3, requests: { cpu: '1', memory: '1Gi' }, duration: '2m' }],
      };
    return {
      seed: 5,
      hosts: [CONTROL_PLANE],
      provisioner: { instanceTypes: TYPES, consolidateAfter },
      jobs,
      horizon: '2h',
    };
  }

  it('churns nodes with consolidateAfter 0, and a consolidation delay longer than the gap stops the churn', () => {
    const churn = (after: string) => {
      const sim = createSimulation(cron(after), { keepFinished: false });
      const collector = collectNodeScaling(sim);
      sim.run();
      return collector.report();
    };
    const eager = churn('0s');
    const patient = churn('10m');
    // Every 5 min the host empties after 2 min and is deleted 15 s later (validation); the next run
    // waits for a fresh host: about one launch per run.
    expect(eager.launched).toBeGreaterThanOrEqual(20);
    expect(eager.consolidations).toBeGreaterThanOrEqual(20);
    // With 10 min a host never sits still that long while runs come every 5 min: the first run's slow
    // start (the host boots for 1 to 4 min) may need a second host, and that is all for two hours.
    expect(patient.launched).toBeLessThanOrEqual(2);
    expect(patient.cost).toBeLessThan(eager.cost * 2);
  });
});
