// Strategies: OpenShift's scheduler profiles on one tiny cluster.
import { createSimulation, formatDecision, type ScenarioInput, type Simulation } from '@berth/cluster';

/** One line per run: each host with the containers bound to it. */
function placements(label: string, sim: Simulation): string {
  const hosts = Object.values(sim.snapshot().hosts).map((h) => `${h.name}[${h.containers.join(' ')}]`);
  return `${label.padEnd(32)} ${hosts.join('  ')}`;
}

// #region cluster
const scenario: ScenarioInput = {
  seed: 1,
  hosts: [{ group: 'worker', count: 3, capacity: { cpu: '4', memory: '16Gi' } }],
  // One worker is already busy.
  containers: [{ name: 'db', requests: { cpu: '2', memory: '8Gi' }, host: 'worker-0' }],
};
const web = { replicas: 3, template: { requests: { cpu: '500m', memory: '1Gi' } } };
// #endregion

// #region weight5
// HighNodeUtilization as the operator's configuration file writes it: NodeResourcesFit (MostAllocated) at weight 5.
const weight5: ScenarioInput = {
  ...scenario,
  scheduler: {
    strategy: 'openshift-high-node-utilization',
    scorers: [
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'MostAllocated', weight: 5 },
      { name: 'ImageLocality', weight: 1 },
    ],
  },
};
// #endregion

// #region run
const runs: Array<[string, Simulation]> = [
  ...['openshift-low-node-utilization', 'openshift-high-node-utilization', 'openshift-no-scoring'].map(
    (strategy) => [strategy, createSimulation(scenario, { strategy, explain: ['web-1'] })] as [string, Simulation],
  ),
  ['high, MostAllocated ×5', createSimulation(weight5, { explain: ['web-1'] })],
];
for (const [label, sim] of runs) {
  sim.run('1m'); // the database starts
  sim.update((desired) => {
    desired.services.web = web;
  });
  sim.run('2m');
  console.log(placements(label, sim));
}
console.log();
for (const [, sim] of runs) console.log(formatDecision(sim.decisions('web-1')[0]!));
// #endregion
