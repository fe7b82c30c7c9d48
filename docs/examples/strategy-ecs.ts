// Strategies: Amazon ECS task placement (binpack, spread, random, chains, distinctInstance, memberOf).
import {
  createSimulation,
  type DesiredState,
  ecsStrategy,
  formatDecision,
  memberOf,
  type ScenarioInput,
  type Simulation,
  type SimulationOptions,
} from '@berth/cluster';

/** One line per run: each host with the containers bound to it, then any container left waiting. */
function placements(label: string, sim: Simulation): string {
  const snapshot = sim.snapshot();
  const hosts = Object.values(snapshot.hosts).map((h) => `${h.name}[${h.containers.join(' ')}]`);
  const waiting = Object.values(snapshot.containers).filter((c) => c.host === null);
  const pending = waiting.length === 0 ? '' : `  waiting: ${waiting.map((c) => c.name).join(' ')}`;
  return `${label.padEnd(33)} ${hosts.join('  ')}${pending}`;
}

// #region cluster
const scenario: ScenarioInput = {
  seed: 1,
  hosts: [
    { name: 'a-1', capacity: { cpu: '4', memory: '8Gi' }, labels: { zone: 'a' } },
    { name: 'a-2', capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'a', family: 'm7' } },
    { name: 'b-1', capacity: { cpu: '8', memory: '8Gi' }, labels: { zone: 'b', family: 'm7' } },
  ],
  containers: [{ name: 'legacy', requests: { cpu: '1', memory: '1Gi' }, host: 'a-1' }],
};
const web: DesiredState['services'][string] = { replicas: 4, template: { requests: { cpu: '1', memory: '2Gi' } } };
// #endregion

// #region run
function run(label: string, options: SimulationOptions, service = web): Simulation {
  const sim = createSimulation(scenario, { ...options, explain: ['web-1'] });
  sim.run('1m'); // legacy starts
  sim.update((desired) => {
    desired.services.web = service;
  });
  sim.run('2m');
  console.log(placements(label, sim));
  return sim;
}

const runs = new Map<string, Simulation>();
for (const strategy of [
  'ecs-binpack-cpu',
  'ecs-binpack-memory',
  'ecs-spread-zone',
  'ecs-spread-instance',
  'ecs-random',
  'ecs-spread-zone-binpack-memory',
  'ecs-spread-zone-spread-instance',
]) {
  runs.set(strategy, run(strategy, { strategy }));
}
// #endregion

// #region constraints
// distinctInstance: at most one replica per host (the template's antiAffinity: 'hostname').
const distinct = { ...web, template: { ...web.template, antiAffinity: 'hostname' } };
run('binpack-memory, distinctInstance', { strategy: 'ecs-binpack-memory' }, distinct);

// memberOf: only hosts matching a cluster query language expression.
const m7 = ecsStrategy({
  strategies: [{ type: 'binpack', field: 'memory' }],
  constraints: [memberOf('attribute:family == m7')],
});
run('binpack-memory, memberOf m7', { strategy: m7 });
// #endregion

// #region explain
console.log();
for (const strategy of ['ecs-binpack-memory', 'ecs-spread-zone-spread-instance']) {
  console.log(formatDecision(runs.get(strategy)!.decisions('web-1')[0]!));
}
// #endregion
