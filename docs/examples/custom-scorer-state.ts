// Guide: a scorer that works something out once per attempt and keeps it in its state, not in itself.
import {
  allHosts,
  createSimulation,
  defaultFilters,
  defaultNormalize,
  formatDecision,
  leastAllocated,
  type ScenarioInput,
  ScoredSelector,
  type Scorer,
  type StrategyFactory,
} from '@berth/cluster';

// #region scorer
/**
 * Prefers hosts in the zone that runs the fewest replicas of the container's service: kube-scheduler's
 * PodTopologySpread in miniature. `prepare` counts the replicas per zone once per attempt, so that
 * `score` only looks up its host's zone; the counts live in the state the selector keeps for this
 * scorer, one map per simulation, made by `createState`.
 */
function fewestInZone(): Scorer<Map<string, number>> {
  return {
    name: 'FewestInZone',
    createState: () => new Map(),
    prepare: (request, cluster, _candidates, perZone) => {
      const service = request.service;
      if (service === undefined) return false; // not a replica: nothing to spread, skip the scorer
      perZone.clear(); // the same map comes back every attempt: clear it, do not replace it
      for (const host of cluster.hosts) {
        const zone = host.labels.zone ?? '';
        perZone.set(zone, (perZone.get(zone) ?? 0) + host.serviceCount(service));
      }
      return true;
    },
    score: (_request, host, _cluster, perZone) => perZone.get(host.labels.zone ?? '')!,
    // Fewest replicas best: kube-scheduler's DefaultNormalizeScore, reversed.
    normalize: (scores, count) => defaultNormalize(scores, count, true),
  };
}
// #endregion

// #region strategy
// One scorer object for every simulation: it keeps nothing of its own, so sharing it is safe.
const zones = fewestInZone();

const zoneSpread: StrategyFactory = () => ({
  name: 'zone-spread',
  filters: defaultFilters(),
  // A fresh selector per simulation: the selector is what keeps the scorer's state.
  selector: new ScoredSelector(
    'zone-spread',
    [
      { scorer: zones, weight: 2 },
      { scorer: leastAllocated(), weight: 1 },
    ],
    allHosts(),
  ),
  preemption: false,
});
// #endregion

// #region simulations
// Two clusters, each with its own simulation; both use the same `zones` scorer object.
const clusters: ReadonlyArray<{ title: string; hosts: ScenarioInput['hosts']; replicas: number }> = [
  {
    title: 'Three small hosts in zone a, one large host in zone b; the fourth replica:',
    hosts: [
      { group: 'a', count: 3, capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'a' } },
      { group: 'b', count: 1, capacity: { cpu: '16', memory: '64Gi' }, labels: { zone: 'b' } },
    ],
    replicas: 4,
  },
  {
    title: 'One host in each of zones a, b and c, from large to small; the third replica:',
    hosts: [
      { name: 'a-0', capacity: { cpu: '16', memory: '64Gi' }, labels: { zone: 'a' } },
      { name: 'b-0', capacity: { cpu: '8', memory: '32Gi' }, labels: { zone: 'b' } },
      { name: 'c-0', capacity: { cpu: '4', memory: '16Gi' }, labels: { zone: 'c' } },
    ],
    replicas: 3,
  },
];
for (const { title, hosts, replicas } of clusters) {
  const last = `web-${replicas - 1}`;
  const sim = createSimulation(
    {
      seed: 1,
      scheduler: { strategy: 'zone-spread' },
      hosts,
      services: { web: { replicas, template: { requests: { cpu: '1', memory: '2Gi' } } } },
    },
    { strategies: { 'zone-spread': zoneSpread }, explain: [last] },
  );
  sim.run('1m');
  console.log(title);
  console.log(formatDecision(sim.decisions(last)[0]!));
}
// #endregion
