// Strategies: Kubernetes scoring, from kube-scheduler's own test vectors to the full default profile.
import { createSimulation, type DesiredState, formatDecision, type ScenarioInput } from '@berth/cluster';

// #region vectors
// kube-scheduler's test vectors: two empty nodes and one pod.
const vectors: ScenarioInput = {
  seed: 1,
  hosts: [
    { name: 'n1', capacity: { cpu: '4000m', memory: '10000Mi' } },
    { name: 'n2', capacity: { cpu: '6000m', memory: '10000Mi' } },
  ],
  containers: [{ name: 'p', requests: { cpu: '3000m', memory: '5000Mi' } }],
};
for (const strategy of ['least-allocated', 'most-allocated', 'balanced-allocation', 'kubernetes']) {
  const sim = createSimulation(vectors, { strategy, explain: ['p'] });
  sim.run('1s');
  console.log(formatDecision(sim.decisions('p')[0]!));
}
// #endregion

// #region v136
// BalancedAllocation as of v1.36 scores the change in balance; list it as the strategy's scorer.
const v136 = createSimulation(
  { ...vectors, scheduler: { strategy: 'balanced-allocation', scorers: [{ name: 'BalancedAllocationV136' }] } },
  { explain: ['p'] },
);
v136.run('1s');
console.log(formatDecision(v136.decisions('p')[0]!));
// #endregion

// #region best-effort
// No requests at all: LeastAllocated counts 100m and 200 MiB, BalancedAllocation skips the container.
const bestEffort = createSimulation(
  { ...vectors, containers: [{ name: 'besteffort' }] },
  { strategy: 'kubernetes', explain: ['besteffort'] },
);
bestEffort.run('1s');
console.log(formatDecision(bestEffort.decisions('besteffort')[0]!));
// #endregion

// #region profile
// The default profile's scorers and weights, written out (swap in BalancedAllocationV136 for v1.36).
const cluster: ScenarioInput = {
  seed: 1,
  scheduler: {
    strategy: 'kubernetes',
    scorers: [
      { name: 'TaintToleration', weight: 3 },
      { name: 'NodeAffinity', weight: 2 },
      { name: 'PodTopologySpread', weight: 2 },
      { name: 'InterPodAffinity', weight: 2 },
      { name: 'LeastAllocated', weight: 1 },
      { name: 'BalancedAllocation', weight: 1 },
      { name: 'ImageLocality', weight: 1 },
    ],
  },
  hosts: [
    { name: 'a-1', capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'a', disk: 'ssd' } },
    {
      name: 'a-2',
      capacity: { cpu: '4', memory: '16Gi' },
      labels: { zone: 'a' },
      taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }],
    },
    { name: 'b-1', capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'b' } },
    { name: 'b-2', capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'b' } },
  ],
  images: { api: { size: '600Mi', pullTime: '20s' } },
  // Already running on b-2, so b-2 holds the image.
  containers: [{ name: 'warm', image: 'api', requests: { cpu: '500m', memory: '1Gi' }, host: 'b-2' }],
};
const api: DesiredState['services'][string] = {
  replicas: 3,
  template: {
    image: 'api',
    requests: { cpu: '500m', memory: '1Gi' },
    affinity: { preferred: [{ weight: 50, requirement: { key: 'disk', operator: 'In', values: ['ssd'] } }] },
  },
};
// #endregion

// #region profile-run
const sim = createSimulation(cluster, { explain: ['api-0', 'api-2'] });
sim.run('1m');
sim.update((desired) => {
  desired.services.api = api;
});
sim.run('2m');
console.log(formatDecision(sim.decisions('api-0')[0]!));
console.log(formatDecision(sim.decisions('api-2')[0]!));
// #endregion

// #region rtcr
// NodeResourcesFit's third strategy, RequestedToCapacityRatio: a utilisation → score shape. This one
// packs (score rises with utilisation); gpu is weighted 3 but left out for a container without a gpu request.
const ratio: ScenarioInput = {
  ...vectors,
  hosts: [...vectors.hosts, { name: 'g1', capacity: { cpu: '4000m', memory: '10000Mi', gpu: 4 } }],
  containers: [
    { name: 'p', requests: { cpu: '3000m', memory: '5000Mi' } },
    { name: 'trainer', at: '1s', requests: { cpu: '500m', memory: '1000Mi', gpu: 2 } },
  ],
  scheduler: {
    strategy: 'most-allocated',
    scorers: [
      {
        name: 'RequestedToCapacityRatio',
        resources: { cpu: 1, memory: 1, gpu: 3 },
        shape: [
          { utilization: 0, score: 0 },
          { utilization: 100, score: 10 },
        ],
      },
    ],
  },
};
const rtcr = createSimulation(ratio, { explain: ['p', 'trainer'] });
rtcr.run('2s');
console.log(formatDecision(rtcr.decisions('p')[0]!));
console.log(formatDecision(rtcr.decisions('trainer')[0]!));
// #endregion
