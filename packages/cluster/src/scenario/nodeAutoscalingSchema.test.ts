import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parseScenario.js';
import type { ScenarioInput } from './scenarioSchema.js';

function issues(scenario: unknown): string[] {
  try {
    parseScenario(scenario as ScenarioInput);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError, but the scenario parsed');
}

const template = { capacity: { cpu: '4', memory: '16Gi' } };
const host = { group: 'system', capacity: { cpu: '2', memory: '4Gi' } };

describe('node autoscaling fields', () => {
  it("applies cluster-autoscaler's and Karpenter's defaults", () => {
    const s = parseScenario({
      hosts: [host],
      nodeGroups: [{ name: 'pool', template, max: 3 }],
      clusterAutoscaler: {},
      provisioner: { instanceTypes: [{ name: 'm', capacity: { cpu: '2', memory: '8Gi' }, hourlyCost: 0.1 }] },
    });
    expect(s.nodeGroups[0]).toMatchObject({
      min: 0,
      max: 3,
      hourlyCost: 0,
      provisioning: { dist: 'uniform', min: 180_000, max: 240_000 },
      maxProvisionTime: 900_000,
      template: { capacity: { cpu: 4000, memory: 16_384 }, maxContainers: 110 },
    });
    expect(s.clusterAutoscaler).toMatchObject({
      expander: ['least-waste'],
      scanInterval: 10_000,
      scaleDownUtilizationThreshold: 0.5,
      scaleDownUnneededTime: 600_000,
      scaleDownDelayAfterAdd: 600_000,
      scaleDownDelayAfterFailure: 180_000,
    });
    expect(s.provisioner).toMatchObject({
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: 0,
      budgets: [{ nodes: '10%' }],
      validationDelay: 15_000,
    });
  });

  it('names min above max, a group without a template, an initial size out of range and unknown expanders', () => {
    expect(
      issues({
        hosts: [host],
        nodeGroups: [
          { name: 'a', template, min: 5, max: 3 },
          { name: 'b', max: 2 },
          { name: 'c', template, min: 1, max: 2, initial: 3 },
        ],
        clusterAutoscaler: { expander: 'priority,cheapest' },
      }),
    ).toEqual([
      'nodeGroups[0].min: min (5) must be at most max (3)',
      "nodeGroups[1].template: a node group needs a template: the host it adds, such as { capacity: { cpu: '4', memory: '16Gi' } }",
      'nodeGroups[2].initial: initial (3) must be within min..max (1..2)',
      "clusterAutoscaler.expander: unknown expander 'cheapest'; known: random, most-pods, least-waste, price, priority",
    ]);
    expect(
      issues({
        hosts: [host],
        nodeGroups: [{ name: 'a', template, max: 1 }],
        clusterAutoscaler: { expander: ['price', 'x'] },
      }),
    ).toEqual([
      "clusterAutoscaler.expander[1]: unknown expander 'x'; known: random, most-pods, least-waste, price, priority",
    ]);
  });

  it('names clashing names, budgets of unknown services, a threshold out of range and an empty catalog', () => {
    expect(
      issues({
        hosts: [host],
        nodeGroups: [
          { name: 'system', template, max: 1 },
          { name: 'p', template, max: 1 },
        ],
        provisioner: { name: 'p', instanceTypes: [] },
        clusterAutoscaler: { scaleDownUtilizationThreshold: 1.5 },
        disruptionBudgets: { web: { minAvailable: 1 } },
      }),
    ).toEqual([
      "nodeGroups[0].name: 'system' is already a host group (or a host's name prefix); choose another name",
      "provisioner.name: duplicate node group name 'p'",
      'provisioner.instanceTypes: a provisioner needs at least one instance type to choose from',
      'clusterAutoscaler.scaleDownUtilizationThreshold: expected a fraction in (0, 1]',
      "disruptionBudgets.web: no service named 'web'",
    ]);
  });

  it('still needs one static host (the autoscaler itself runs on one)', () => {
    expect(issues({ hosts: [], nodeGroups: [{ name: 'a', template, max: 1 }] })).toEqual([
      'hosts: a scenario needs at least one host',
    ]);
  });
});
