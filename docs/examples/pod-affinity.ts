// Strategies: Kubernetes' inter-pod affinity and anti-affinity (the InterPodAffinity plugin, weight 2).
import { createSimulation, type DesiredState, formatDecision, type ScenarioInput } from '@berth/cluster';

// #region pod-affinity
// Two zones of two hosts. At most one web replica per host (required anti-affinity on hostname);
// each cache replica would rather run in a zone that holds a web replica (preferred affinity).
const cluster: ScenarioInput = {
  seed: 1,
  scheduler: { strategy: 'kubernetes' },
  hosts: [
    { group: 'a', count: 2, capacity: { cpu: '4000m', memory: '8Gi' }, labels: { zone: 'a' } },
    { group: 'b', count: 2, capacity: { cpu: '4000m', memory: '8Gi' }, labels: { zone: 'b' } },
  ],
  services: {
    web: {
      replicas: 1,
      template: {
        requests: { cpu: '500m', memory: '512Mi' },
        labels: { app: 'web' },
        nodeSelector: { zone: 'b' },
        podAntiAffinity: { required: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'hostname' }] },
      },
    },
  },
};
const cache: DesiredState['services'][string] = {
  replicas: 2,
  template: {
    requests: { cpu: '500m', memory: '512Mi' },
    labels: { app: 'cache' },
    podAffinity: {
      preferred: [{ weight: 100, term: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'zone' } }],
    },
  },
};
const sim = createSimulation(cluster, { explain: ['cache-0', 'web-2'] });
sim.run('1s');
sim.update((desired) => {
  desired.services.cache = cache;
  desired.services.web!.replicas = 3;
});
sim.run('2s');
for (const name of ['web-0', 'web-1', 'web-2', 'cache-0', 'cache-1'])
  console.log(`${name} → ${sim.container(name)?.host?.name ?? 'pending'}`);
console.log(formatDecision(sim.decisions('cache-0')[0]!));
console.log(formatDecision(sim.decisions('web-2')[0]!));
// #endregion
