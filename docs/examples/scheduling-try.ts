// Lesson 2, try it yourself: a PreferNoSchedule taint, a preferred node affinity, and a looser or softer
// zone spread.
import { createSimulation, formatDecision, type ScenarioInput, type Simulation } from '@berth/cluster';
import { scenario, web } from './scheduling/cluster.js';

/** A service as the desired state takes it. */
type Web = Parameters<Parameters<Simulation['update']>[0]>[0]['services'][string];

/** Places the web service as the lesson does, and returns the simulation, its decisions recorded. */
function place(cluster: ScenarioInput, service: Web) {
  const sim = createSimulation(cluster, { explain: ['web-0', 'web-1', 'web-2'] });
  sim.run('1m');
  sim.update((desired) => {
    desired.services.web = service;
  });
  sim.run('2m');
  return sim;
}

// 1. gpu-b's taint only discourages placement.
const prefer: ScenarioInput = {
  ...scenario,
  hosts: scenario.hosts!.map((host) =>
    host.name === 'gpu-b' ? { ...host, taints: [{ key: 'gpu', value: 'true', effect: 'PreferNoSchedule' }] } : host,
  ),
};
console.log('gpu-b tainted PreferNoSchedule:');
console.log(formatDecision(place(prefer, web).decisions('web-0')[0]!).trimEnd());

// 2. A preferred node affinity for zone a.
const affinity = {
  preferred: [{ weight: 50, requirement: { key: 'zone', operator: 'In' as const, values: ['a'] } }],
};
console.log('\nweb prefers zone a (weight 50):');
console.log(
  formatDecision(place(scenario, { ...web, template: { ...web.template, affinity } }).decisions('web-0')[0]!).trimEnd(),
);

// 3. A looser spread, and a soft one: web-1 is the replica the hard spread kept out of medium-b.
const spread = (constraint: { maxSkew: number; whenUnsatisfiable?: 'ScheduleAnyway' }): Web => ({
  ...web,
  template: { ...web.template, spread: [{ topologyKey: 'zone', ...constraint }] },
});
const where = (sim: ReturnType<typeof place>) =>
  ['web-0', 'web-1', 'web-2'].map((name) => `${name} on ${sim.container(name)!.host!.name}`).join(', ');
for (const [name, service] of [
  ['maxSkew 2', spread({ maxSkew: 2 })],
  ["maxSkew 1, whenUnsatisfiable 'ScheduleAnyway'", spread({ maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' })],
] as const) {
  const sim = place(scenario, service);
  console.log(`\n${name}:`);
  console.log(formatDecision(sim.decisions('web-1')[0]!).trimEnd());
  console.log(where(sim));
}
console.log(`\nthe lesson's spread: ${where(place(scenario, web))}`);
