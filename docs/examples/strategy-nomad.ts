// Strategies: HashiCorp Nomad's binpack and spread fit scores, over a log2(N) sample of hosts.
import { createSimulation, formatDecision, nomadLimit, type ScenarioInput, type Simulation } from '@berth/cluster';

/** One line per run: each host with the containers bound to it. */
function placements(label: string, sim: Simulation): string {
  const hosts = Object.values(sim.snapshot().hosts).map((h) => `${h.name}[${h.containers.join(' ')}]`);
  return `${label.padEnd(14)} ${hosts.join('  ')}`;
}

// #region limit
const limit = nomadLimit(); // max(2, ceil(log2 N)) candidates, hosts in random order
for (const hosts of [2, 8, 100, 1000, 5000]) {
  console.log(`${String(hosts).padStart(5)} hosts → rank ${limit.count(hosts)}`);
}
// #endregion

// #region run
const scenario: ScenarioInput = {
  seed: 1,
  hosts: [{ group: 'client', count: 6, capacity: { cpu: '4', memory: '8Gi' } }],
  services: { api: { replicas: 6, template: { requests: { cpu: '1', memory: '2Gi' } } } },
};
const runs = new Map<string, Simulation>();
for (const strategy of ['nomad-binpack', 'nomad-spread']) {
  const sim = createSimulation(scenario, { strategy, explain: ['api-0', 'api-1'] });
  sim.run('1s');
  runs.set(strategy, sim);
  console.log(placements(strategy, sim));
}
// The same cluster with every host ranked: binpack now packs.
const full = createSimulation({ ...scenario, scheduler: { strategy: 'nomad-binpack', sampling: 'all' } });
full.run('1s');
console.log(placements('binpack, all', full));
// #endregion

// #region explain
console.log();
for (const strategy of ['nomad-binpack', 'nomad-spread']) {
  console.log(formatDecision(runs.get(strategy)!.decisions('api-1')[0]!));
}
// #endregion
