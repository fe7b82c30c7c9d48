// Strategies: the fit heuristics (first-fit, best-fit, worst-fit, round-robin) on one tiny cluster.
import { createSimulation, formatDecision, type ScenarioInput, type Simulation } from '@berth/cluster';

/** One line per run: each host with the containers bound to it, then any container left waiting. */
function placements(label: string, sim: Simulation): string {
  const snapshot = sim.snapshot();
  const hosts = Object.values(snapshot.hosts).map((h) => `${h.name}[${h.containers.join(' ')}]`);
  const waiting = Object.values(snapshot.containers).filter((c) => c.host === null);
  const pending = waiting.length === 0 ? '' : `  waiting: ${waiting.map((c) => c.name).join(' ')}`;
  return `${label.padEnd(12)} ${hosts.join('  ')}${pending}`;
}

// #region cluster
const scenario: ScenarioInput = {
  seed: 1,
  hosts: [
    { name: 'big', capacity: { cpu: '8', memory: '16Gi' } },
    { name: 'medium', capacity: { cpu: '4', memory: '8Gi' } },
    { name: 'small', capacity: { cpu: '2', memory: '4Gi' } },
  ],
  // Four equal containers, submitted in this order.
  containers: ['c1', 'c2', 'c3', 'c4'].map((name) => ({ name, requests: { cpu: '1', memory: '2Gi' } })),
};
// #endregion

// #region run
const runs = new Map<string, Simulation>();
for (const strategy of ['first-fit', 'best-fit', 'worst-fit', 'round-robin']) {
  const sim = createSimulation(scenario, { strategy, explain: ['c2'] });
  sim.run('1s');
  runs.set(strategy, sim);
  console.log(placements(strategy, sim));
}
// #endregion

// #region explain
console.log();
for (const strategy of ['best-fit', 'worst-fit']) {
  console.log(formatDecision(runs.get(strategy)!.decisions('c2')[0]!));
}
// #endregion

// #region decreasing
// Seven items on three bins of 10 CPUs: in arrival order, then largest first (first-fit-decreasing).
const sizes = [2, 5, 4, 7, 1, 3, 8];
for (const [label, order] of [
  ['arrival', sizes],
  ['decreasing', [...sizes].sort((a, b) => b - a)],
] as const) {
  const sim = createSimulation({
    seed: 1,
    scheduler: { strategy: 'first-fit' },
    hosts: [{ group: 'bin', count: 3, capacity: { cpu: '10', memory: '16Gi' } }],
    containers: order.map((cpu) => ({ name: `cpu${cpu}`, requests: { cpu: String(cpu) } })),
  });
  sim.run('1s');
  console.log(placements(label, sim));
}
// #endregion
