// Kubernetes quantities in a scenario, and the warnings for values that are almost certainly mistakes.
import { createSimulation, parseScenario, type ScenarioInput, scenarioWarnings } from '@berth/cluster';
import { ConfigError } from '@berth/kernel';

// #region meaning
const scenario: ScenarioInput = {
  hosts: [{ group: 'node', count: 2, capacity: { cpu: 4, memory: '16Gi' } }],
  services: {
    web: { replicas: 2, template: { requests: { cpu: 0.5, memory: 536_870_912 } } },
    api: { replicas: 1, template: { requests: { cpu: '1500m', memory: '1.5Gi' } } },
  },
};
const parsed = parseScenario(scenario);
console.log('host capacity:', parsed.hosts[0]!.capacity); // millicores and MiB
console.log('web requests: ', parsed.services.web!.template.requests);
console.log('api requests: ', parsed.services.api!.template.requests);
// #endregion

// #region warnings
// Written for an older Berth, where a plain number meant millicores and MiB:
const old: ScenarioInput = {
  hosts: [{ group: 'node', count: 2, capacity: { cpu: 4000, memory: '16Gi' } }],
  services: { web: { replicas: 2, template: { requests: { cpu: '500m', memory: 512 } } } },
};
for (const warning of scenarioWarnings(old)) console.log(`${warning.path}: ${warning.message}`);
try {
  createSimulation(old, { strict: true });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.log(error.message.split('\n')[0]);
}
// #endregion
