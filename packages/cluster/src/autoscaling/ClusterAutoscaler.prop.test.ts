import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';

const service = fc.record({
  replicas: fc.integer({ min: 0, max: 14 }),
  cpu: fc.constantFrom('250m', '500m', '1', '1500m'),
  memory: fc.constantFrom('256Mi', '1Gi', '3Gi'),
  later: fc.integer({ min: 0, max: 14 }),
  at: fc.integer({ min: 1, max: 60 }),
  budget: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
});

const group = fc
  .record({ min: fc.integer({ min: 0, max: 2 }), extra: fc.integer({ min: 0, max: 4 }), cpu: fc.constantFrom(2, 4, 8) })
  .map((g) => ({ ...g, max: g.min + g.extra }));

const workload = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  services: fc.array(service, { minLength: 1, maxLength: 3 }),
  groups: fc.array(group, { minLength: 1, maxLength: 2 }),
  pets: fc.integer({ min: 0, max: 3 }),
  blocked: fc.integer({ min: 0, max: 2 }),
});

type Workload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

function scenarioOf(w: Workload): ScenarioInput {
  const services: NonNullable<ScenarioInput['services']> = {};
  const budgets: NonNullable<ScenarioInput['disruptionBudgets']> = {};
  const changes: NonNullable<ScenarioInput['changes']> = [];
  w.services.forEach((s, i) => {
    const name = `svc${i}`;
    services[name] = {
      replicas: s.replicas,
      template: {
        requests: { cpu: s.cpu, memory: s.memory },
        // Some replicas refuse eviction: cluster-autoscaler.kubernetes.io/safe-to-evict: 'false'.
        labels: i < w.blocked ? { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false' } : {},
      },
    };
    if (s.budget !== undefined) budgets[name] = { minAvailable: s.budget };
    changes.push({ at: `${s.at}m`, service: name, replicas: s.later });
  });
  return {
    seed: w.seed,
    hosts: [{ group: 'system', count: 1, capacity: { cpu: '2', memory: '8Gi' } }],
    nodeGroups: w.groups.map((g, i) => ({
      name: `pool${i}`,
      template: { capacity: { cpu: String(g.cpu), memory: `${g.cpu * 4}Gi` }, labels: { role: 'pool' } },
      min: g.min,
      max: g.max,
      provisioning: { dist: 'uniform', min: '30s', max: '20m' },
    })),
    clusterAutoscaler: { scaleDownUnneededTime: '3m', scaleDownDelayAfterAdd: '2m' },
    services,
    disruptionBudgets: budgets,
    changes,
    containers: Array.from({ length: w.pets }, (_, i) => ({
      name: `pet${i}`,
      at: `${5 + i * 7}m`,
      requests: { cpu: '200m', memory: '256Mi' },
      nodeSelector: { role: 'pool' },
    })),
  };
}

describe('cluster autoscaler properties', () => {
  it('keeps every group within min..max and never removes a host whose containers cannot move', () => {
    fc.assert(
      fc.property(workload, (w) => {
        const scenario = scenarioOf(w);
        const size = new Map<string, number>();
        const bounds = new Map(w.groups.map((g, i) => [`pool${i}`, g]));
        const on = new Map<string, Set<string>>();
        const problems: string[] = [];
        const onEvent = (e: ClusterEvent) => {
          if (e.type === 'node.launched') size.set(e.group, (size.get(e.group) ?? 0) + 1);
          if (e.type === 'node.launchFailed' || e.type === 'node.removed') size.set(e.group, size.get(e.group)! - 1);
          if (e.type === 'node.launched' || e.type === 'node.launchFailed' || e.type === 'node.removed') {
            const b = bounds.get(e.group)!;
            const n = size.get(e.group)!;
            if (n > b.max || (e.type === 'node.removed' && n < b.min)) problems.push(`${e.group} at ${n} (${e.at} ms)`);
          }
          if (e.type === 'container.scheduled') {
            if (!on.has(e.host)) on.set(e.host, new Set());
            on.get(e.host)!.add(e.container);
          }
          if (e.type === 'container.evicted' || e.type === 'container.succeeded' || e.type === 'container.failed') {
            if (e.host !== null) on.get(e.host)?.delete(e.container);
          }
          if (e.type === 'nodegroup.scaledDown') {
            for (const name of on.get(e.host) ?? []) {
              const c = sim.container(name)!;
              if (c.service === undefined && c.spec.job === undefined) problems.push(`${e.host} held bare ${name}`);
              if (c.labels['cluster-autoscaler.kubernetes.io/safe-to-evict'] === 'false')
                problems.push(`${e.host} held unevictable ${name}`);
            }
          }
          if (e.type === 'container.evicted' && e.container.startsWith('pet')) problems.push(`${e.container} evicted`);
        };
        const sim = createSimulation(scenario, { onEvent });
        sim.run('2h');
        expect(problems).toEqual([]);
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
