// Strategies: Docker Swarm classic (spread, binpack, random) and SwarmKit on one tiny cluster.
import { createSimulation, formatDecision, type ScenarioInput, type Simulation } from '@berth/cluster';

/** One line per run: each host with the containers bound to it. */
function placements(label: string, sim: Simulation): string {
  const hosts = Object.values(sim.snapshot().hosts).map((h) => `${h.name}[${h.containers.join(' ')}]`);
  return `${label.padEnd(14)} ${hosts.join('  ')}`;
}

// #region cluster
const scenario: ScenarioInput = {
  seed: 1,
  hosts: [
    { name: 'node-1', capacity: { cpu: '4', memory: '8Gi' } },
    { name: 'node-2', capacity: { cpu: '4', memory: '8Gi' } },
    { name: 'node-3', capacity: { cpu: '8', memory: '16Gi' } },
  ],
  containers: [{ name: 'legacy', requests: { cpu: '2', memory: '2Gi' }, host: 'node-1' }],
};
const web = { replicas: 3, template: { requests: { cpu: '1', memory: '1Gi' } } };
// #endregion

// #region run
const runs = new Map<string, Simulation>();
for (const strategy of ['swarm-spread', 'swarm-binpack', 'swarm-random', 'swarmkit']) {
  const sim = createSimulation(scenario, { strategy, explain: ['web-0', 'web-1'] });
  sim.run('1m'); // legacy starts
  sim.update((desired) => {
    desired.services.web = web;
  });
  sim.run('2m');
  runs.set(strategy, sim);
  console.log(placements(strategy, sim));
}
// #endregion

// #region explain
console.log();
const spread = runs.get('swarm-spread')!;
console.log(formatDecision(spread.decisions('web-0')[0]!));
console.log(formatDecision(spread.decisions('web-1')[0]!));
console.log(formatDecision(runs.get('swarmkit')!.decisions('web-1')[0]!));
// #endregion
