// Strategies: research scorers (Tetris' dot product, stranded resources) and sampling (random, power of two).
import { createSimulation, formatDecision, type ScenarioInput, type Simulation } from '@berth/cluster';

/** One line per run: each host with the containers bound to it, then any container left waiting. */
function placements(label: string, sim: Simulation): string {
  const snapshot = sim.snapshot();
  const hosts = Object.values(snapshot.hosts).map((h) => `${h.name}[${h.containers.join(' ')}]`);
  const waiting = Object.values(snapshot.containers).filter((c) => c.host === null);
  const pending = waiting.length === 0 ? '' : `  waiting: ${waiting.map((c) => c.name).join(' ')}`;
  return `${label.padEnd(16)} ${hosts.join('  ')}${pending}`;
}

// #region shapes
// Two hosts, each half-used in a different shape; then three containers of different shapes arrive.
const shapes: ScenarioInput = {
  seed: 2,
  hosts: [
    { name: 'A', capacity: { cpu: '8', memory: '32Gi' } },
    { name: 'B', capacity: { cpu: '8', memory: '32Gi' } },
  ],
  containers: [
    { name: 'memhog', requests: { cpu: '1', memory: '24Gi' }, host: 'A' },
    { name: 'cpuhog', requests: { cpu: '6', memory: '4Gi' }, host: 'B' },
    { name: 'compute', requests: { cpu: '2', memory: '2Gi' }, at: '1s' },
    { name: 'cache', requests: { cpu: '1', memory: '8Gi' }, at: '2s' },
    { name: 'batch', requests: { cpu: '2', memory: '4Gi' }, at: '3s' },
  ],
};
const schedulers: Array<[string, ScenarioInput['scheduler']]> = [
  ['least-allocated', { strategy: 'least-allocated' }],
  ['most-allocated', { strategy: 'most-allocated' }],
  ['dot-product', { strategy: 'most-allocated', scorers: [{ name: 'DotProduct' }] }],
  [
    'most + stranded',
    { strategy: 'most-allocated', scorers: [{ name: 'MostAllocated' }, { name: 'StrandedResources' }] },
  ],
];
const runs = new Map<string, Simulation>();
for (const [label, scheduler] of schedulers) {
  const sim = createSimulation({ ...shapes, scheduler }, { explain: ['compute'] });
  sim.run('10s');
  runs.set(label, sim);
  console.log(placements(label, sim));
}
console.log();
for (const label of ['least-allocated', 'dot-product', 'most + stranded']) {
  console.log(formatDecision(runs.get(label)!.decisions('compute')[0]!));
}
// #endregion

// #region balls
// 200 equal replicas on 20 equal hosts: how uneven does each policy leave them?
for (const strategy of ['random', 'power-of-two-choices', 'least-allocated']) {
  const sim = createSimulation({
    seed: 7,
    scheduler: { strategy },
    hosts: [{ group: 'h', count: 20, capacity: { cpu: '64', memory: '256Gi' } }],
    services: { w: { replicas: 200, template: { requests: { cpu: '250m', memory: '512Mi' } } } },
  });
  sim.run('1s');
  const counts = Object.values(sim.snapshot().hosts).map((h) => h.containers.length);
  const line = `fewest ${Math.min(...counts)}, most ${Math.max(...counts)}`;
  console.log(`${strategy.padEnd(20)} ${line}   ${counts.join(' ')}`);
}
// #endregion
