// Guide: a custom scorer and a custom filter, plugged into the scheduler as a named strategy.
import {
  allHosts,
  createSimulation,
  defaultFilters,
  defaultNormalize,
  type Filter,
  formatDecision,
  leastAllocated,
  ScoredSelector,
  type Scorer,
  type StrategyFactory,
} from '@berth/cluster';

// #region cheapest
/** Prefers cheaper hosts: raw score is the host's price in cents per hour, reversed so the cheapest scores highest. */
function cheapest(): Scorer {
  return {
    name: 'Cheapest',
    score: (_request, host) => Math.round(host.hourlyCost * 100),
    // kube-scheduler's DefaultNormalizeScore with reverse: 100 − 100 × cost / highest cost (integer).
    normalize: (scores, count) => defaultNormalize(scores, count, true),
  };
}
// #endregion

// #region prefer-label
/** 100 for hosts with the label `key=value`, 0 for the others. */
function preferLabel(key: string, value: string): Scorer {
  return {
    name: `PreferLabel(${key}=${value})`,
    score: (_request, host) => (host.labels[key] === value ? 100 : 0),
  };
}
// #endregion

// #region spot-filter
/** Spot hosts can be taken away at any time: only containers labelled `interruptible: 'true'` may use them. */
function spotOnlyIfInterruptible(): Filter {
  return {
    name: 'SpotOnlyIfInterruptible',
    // PreFilter: an interruptible container may go anywhere, so there is nothing to check.
    prepare: (request) => request.labels.interruptible !== 'true',
    check: (_request, host) => (host.labels.lifecycle === 'spot' ? 'host is a spot instance' : null),
  };
}
// #endregion

// #region strategy
const costAware: StrategyFactory = () => ({
  name: 'cost-aware',
  filters: [...defaultFilters(), spotOnlyIfInterruptible()],
  selector: new ScoredSelector(
    'cost-aware',
    [
      { scorer: cheapest(), weight: 2 },
      { scorer: preferLabel('disk', 'ssd'), weight: 1 },
      { scorer: leastAllocated(), weight: 1 },
    ],
    allHosts(),
  ),
  preemption: false,
});
// #endregion

// #region simulation
const sim = createSimulation(
  {
    seed: 1,
    scheduler: { strategy: 'cost-aware' },
    hosts: [
      { name: 'standard-ssd', capacity: { cpu: '8', memory: '32Gi' }, hourlyCost: 0.4, labels: { disk: 'ssd' } },
      { name: 'standard-hdd', capacity: { cpu: '8', memory: '32Gi' }, hourlyCost: 0.34 },
      { name: 'arm-ssd', capacity: { cpu: '8', memory: '32Gi' }, hourlyCost: 0.3, labels: { disk: 'ssd' } },
      { name: 'spot', capacity: { cpu: '8', memory: '32Gi' }, hourlyCost: 0.12, labels: { lifecycle: 'spot' } },
    ],
    services: { api: { replicas: 1, template: { requests: { cpu: '2', memory: '4Gi' } } } },
    jobs: {
      nightly: {
        submitAt: '1m',
        tasks: [{ requests: { cpu: '2', memory: '4Gi' }, labels: { interruptible: 'true' }, duration: '10m' }],
      },
    },
  },
  { strategies: { 'cost-aware': costAware }, explain: ['api-0', 'nightly-0'] },
);
sim.run('2m');
console.log(formatDecision(sim.decisions('api-0')[0]!));
console.log(formatDecision(sim.decisions('nightly-0')[0]!));
// #endregion
