import type { Controller } from '../controllers/Controller.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import type { Scenario } from '../scenario/scenarioSchema.js';
import { distribution } from '../simulation/instantiateScenario.js';
import { clusterAutoscaler } from './ClusterAutoscaler.js';
import { nodeProvisioner } from './NodeProvisioner.js';

/** The node autoscalers a scenario declares: the cluster autoscaler over its node groups, and its provisioner. */
export function autoscalersOf(scenario: Scenario, resources: ResourceCatalog): Controller[] {
  const controllers: Controller[] = [];
  const budgets = scenario.disruptionBudgets;
  if (scenario.nodeGroups.length > 0) {
    controllers.push(
      clusterAutoscaler({
        groups: scenario.nodeGroups.map((g) => ({
          name: g.name,
          // The schema rejects a group without a template.
          template: {
            capacity: resources.fromRecord(g.template!.capacity),
            maxContainers: g.template!.maxContainers,
            labels: Object.assign(Object.create(null), g.template!.labels),
            taints: g.template!.taints,
          },
          min: g.min,
          max: g.max,
          initial: g.initial ?? g.min,
          hourlyCost: g.hourlyCost,
          priority: g.priority,
          provisioning: distribution(g.provisioning),
          maxProvisionTimeMs: g.maxProvisionTime,
          readinessMs: g.readiness,
        })),
        settings: scenario.clusterAutoscaler,
        budgets,
      }),
    );
  }
  const p = scenario.provisioner;
  if (p !== undefined) {
    controllers.push(
      nodeProvisioner({
        ...p,
        instanceTypes: p.instanceTypes.map((t) => ({
          name: t.name,
          capacity: resources.fromRecord(t.capacity),
          hourlyCost: t.hourlyCost,
          maxContainers: t.maxContainers,
        })),
        provisioning: distribution(p.provisioning),
        budgets: p.budgets,
        podBudgets: budgets,
      }),
    );
  }
  return controllers;
}
