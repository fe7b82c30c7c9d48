// Strategies: SwarmKit's placement preferences and its rule against hosts where a service keeps failing.
import { createSimulation, type ScenarioInput } from '@berth/cluster';

// #region preferences
// Zone a has three nodes, b one, c two. `spread: node.labels.zone` splits the service evenly over the
// zones; without it SwarmKit would put one task per node, so 3, 1 and 2.
const zones: ScenarioInput = {
  seed: 4,
  scheduler: { strategy: 'swarmkit' },
  hosts: [
    { group: 'a', count: 3, capacity: { cpu: '4000m', memory: '8Gi' }, labels: { zone: 'a' } },
    { group: 'b', count: 1, capacity: { cpu: '4000m', memory: '8Gi' }, labels: { zone: 'b' } },
    { group: 'c', count: 2, capacity: { cpu: '4000m', memory: '8Gi' }, labels: { zone: 'c' } },
  ],
  services: {
    web: {
      replicas: 6,
      template: {
        requests: { cpu: '500m', memory: '512Mi' },
        placementPreferences: [{ spread: 'node.labels.zone' }],
      },
    },
  },
};
const spread = createSimulation(zones).run('1s');
const perZone: Record<string, number> = {};
for (let i = 0; i < 6; i++) {
  const zone = spread.container(`web-${i}`)?.host?.labels.zone ?? 'pending';
  perZone[zone] = (perZone[zone] ?? 0) + 1;
}
console.log('tasks per zone:', perZone);
// #endregion

// #region failures
// `api` crashes five times on n1 within five minutes; a new task of it then goes to n2, although n2
// runs more tasks, because n1 has reached SwarmKit's maxFailures (5) within monitorFailures (5 min).
const failing: ScenarioInput = {
  seed: 1,
  scheduler: { strategy: 'swarmkit' },
  hosts: [
    { name: 'n1', capacity: { cpu: '4000m', memory: '8Gi' } },
    { name: 'n2', capacity: { cpu: '4000m', memory: '8Gi' } },
  ],
  containers: [{ name: 'other', host: 'n2', requests: { cpu: '500m', memory: '512Mi' } }],
  services: { api: { replicas: 1, template: { requests: { cpu: '500m', memory: '512Mi' } } } },
};
const sim = createSimulation(failing, { explain: ['api-1'] }).run('1s');
for (let crash = 0; crash < 5; crash++) {
  if (crash > 0) sim.runUntil((s) => s.container('api-0')?.phase === 'running');
  sim.crashContainer('api-0');
}
sim.update((desired) => {
  desired.services.api!.replicas = 0;
});
sim.run(sim.now + 1000);
sim.update((desired) => {
  desired.services.api!.replicas = 1;
});
sim.run(sim.now + 1000);
const decision = sim.decisions('api-1')[0]!;
for (const h of decision.hosts) {
  const keys = Object.entries(h.scores).map(([name, s]) => `${name} ${s.raw}`);
  console.log(`${h.host}: ${keys.join(', ')}`);
}
console.log(`api-1 at ${sim.container('api-1')!.scheduledAt / 1000} s → ${decision.winner}`);
// #endregion
