import { describe, expect, it } from 'vitest';
import type { ClusterEvent } from '../src/events/ClusterEvent.js';
import { defaultFilters } from '../src/filters/defaultFilters.js';
import type { ScenarioInput } from '../src/scenario/scenarioSchema.js';
import type { Filter } from '../src/scheduler/Filter.js';
import type { WeightedScorer } from '../src/scheduler/Scorer.js';
import { allHosts } from '../src/scheduler/sampling/CandidateSampler.js';
import { balancedAllocation } from '../src/scorers/balancedAllocation.js';
import { balancedAllocationV136 } from '../src/scorers/balancedAllocationV136.js';
import { dotProduct } from '../src/scorers/dotProduct.js';
import { ecsBinpack } from '../src/scorers/ecsBinpack.js';
import { ecsSpread } from '../src/scorers/ecsSpread.js';
import { imageLocality } from '../src/scorers/imageLocality.js';
import { leastAllocated } from '../src/scorers/leastAllocated.js';
import { mostAllocated } from '../src/scorers/mostAllocated.js';
import { nodeAffinityScore } from '../src/scorers/nodeAffinityScore.js';
import { podTopologySpreadScore } from '../src/scorers/podTopologySpreadScore.js';
import { strandedResources } from '../src/scorers/strandedResources.js';
import { taintTolerationScore } from '../src/scorers/taintTolerationScore.js';
import { OrderedSelector, type RankKey } from '../src/selectors/OrderedSelector.js';
import { ScoredSelector } from '../src/selectors/ScoredSelector.js';
import { createSimulation, type Simulation } from '../src/simulation/Simulation.js';
import type { StrategyFactory } from '../src/strategies/StrategyFactory.js';

// Filters and scorers hold only configuration; what they work out lives in a state object each
// simulation's scheduler and selector create for themselves. So one set of plugin instances may serve
// two simulations at once. The two clusters below differ exactly where a plugin might keep something
// between calls: the same number of hosts and the same extended resources, but named in the other
// order (so the reasons ResourceFit gives and the positions the resource scorers read differ), hard
// taints in one and soft taints in the other (what the taint filter and scorer remember per host
// count), other zones, images and spread constraints. Either simulation may take the first step.

const IMAGE_SIZES: Readonly<Record<string, number>> = { app: 400, big: 2000 };
const cpu = { name: 'cpu', weight: 1 };
const memory = { name: 'memory', weight: 1 };

/** One set of plugin instances: the default filters and a scorer of every stateful kind. */
function plugins(): { filters: Filter[]; scorers: WeightedScorer[]; keys: RankKey[] } {
  return {
    filters: defaultFilters(),
    scorers: [
      { scorer: taintTolerationScore(), weight: 3 },
      { scorer: nodeAffinityScore(), weight: 2 },
      { scorer: podTopologySpreadScore(), weight: 2 },
      { scorer: leastAllocated([cpu, { name: 'tpu', weight: 2 }]), weight: 1 },
      { scorer: mostAllocated([cpu, memory, { name: 'fpga', weight: 3 }]), weight: 1 },
      { scorer: balancedAllocation([cpu, memory, { name: 'tpu', weight: 1 }]), weight: 1 },
      { scorer: balancedAllocationV136([cpu, { name: 'fpga', weight: 1 }]), weight: 1 },
      { scorer: imageLocality((image) => IMAGE_SIZES[image] ?? 0), weight: 1 },
      { scorer: dotProduct([cpu, { name: 'tpu', weight: 1 }]), weight: 1 },
      { scorer: strandedResources([memory, { name: 'fpga', weight: 1 }]), weight: 1 },
      { scorer: ecsSpread('attribute:zone'), weight: 1 },
      { scorer: ecsBinpack('memory'), weight: 1 },
    ],
    keys: [
      { scorer: ecsSpread('attribute:zone'), prefer: 'lowest' },
      { scorer: ecsBinpack('cpu'), prefer: 'lowest' },
    ],
  };
}

/** Strategies built around the given plugin instances; each call makes fresh selectors only. */
function strategiesOver(p: ReturnType<typeof plugins>): Record<string, StrategyFactory> {
  return {
    scored: () => ({
      name: 'scored',
      filters: p.filters,
      selector: new ScoredSelector('scored', p.scorers, allHosts()),
      preemption: true,
    }),
    ordered: () => ({
      name: 'ordered',
      filters: p.filters,
      selector: new OrderedSelector('ordered', p.keys),
      preemption: false,
    }),
  };
}

const tainted: ScenarioInput = {
  seed: 3,
  extendedResources: ['fpga', 'tpu'],
  hosts: [
    { group: 'a', count: 2, capacity: { cpu: '4', memory: '8Gi', fpga: 2 }, labels: { zone: 'a' } },
    { group: 'b', count: 2, capacity: { cpu: '4', memory: '16Gi', tpu: 2 }, labels: { zone: 'b' } },
    {
      group: 't',
      count: 2,
      capacity: { cpu: '8', memory: '16Gi', gpu: 2 },
      labels: { zone: 'b' },
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
    },
  ],
  images: { app: { pullTime: '5s', size: '400Mi' } },
  services: {
    web: {
      replicas: 6,
      template: { requests: { cpu: '500m', memory: '1Gi' }, image: 'app', duration: '3m' },
    },
    accel: { replicas: 5, template: { requests: { cpu: '1', memory: '1Gi', fpga: 1 }, priority: 5 } },
  },
  jobs: {
    batch: {
      submitAt: '20s',
      tasks: [
        { count: 12, requests: { cpu: '1', memory: '2Gi' }, duration: '90s' },
        {
          count: 4,
          at: '40s',
          requests: { cpu: '2', gpu: 1 },
          duration: '1m',
          tolerations: [{ key: 'dedicated', operator: 'Exists' }],
        },
      ],
    },
  },
};

const soft: ScenarioInput = {
  seed: 4,
  extendedResources: ['fpga', 'tpu'],
  hosts: [
    { group: 'x', count: 3, capacity: { cpu: '4', memory: '8Gi', tpu: 4 }, labels: { zone: 'x' } },
    {
      group: 'y',
      count: 3,
      capacity: { cpu: '8', memory: '8Gi', gpu: 1, fpga: 1 },
      labels: { zone: 'y' },
      taints: [{ key: 'spot', value: 'true', effect: 'PreferNoSchedule' }],
    },
  ],
  images: { big: { pullTime: '10s', size: '2000Mi' } },
  services: {
    api: {
      replicas: 5,
      template: {
        requests: { cpu: '1', memory: '1Gi' },
        image: 'big',
        spread: [{ topologyKey: 'zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }],
      },
    },
    tensor: { replicas: 7, template: { requests: { cpu: '500m', memory: '512Mi', tpu: 2 }, duration: '2m' } },
  },
  jobs: {
    batch: {
      submitAt: '30s',
      tasks: [{ count: 14, requests: { cpu: '1500m', memory: '1Gi' }, duration: '75s' }],
    },
  },
};

const UNTIL = 6 * 60_000;

function create(scenario: ScenarioInput, strategy: string, p: ReturnType<typeof plugins>): Simulation {
  return createSimulation(
    { ...scenario, scheduler: { strategy } },
    { strategies: strategiesOver(p), eventLog: { keep: 'all' } },
  );
}

function alone(scenario: ScenarioInput, strategy: string): ClusterEvent[] {
  return create(scenario, strategy, plugins()).run(UNTIL).events();
}

describe('one set of filter and scorer instances shared by two simulations', () => {
  it.each([
    ['scored', 'tainted'],
    ['scored', 'soft'],
    ['ordered', 'tainted'],
    ['ordered', 'soft'],
  ])('%s, stepped alternately from the %s cluster: each gives the event log it gives alone', (strategy, lead) => {
    const shared = plugins();
    const one = create(tainted, strategy, shared);
    const other = create(soft, strategy, shared);
    const [first, second] = lead === 'tainted' ? [one, other] : [other, one];
    // As run(UNTIL) does: every agenda entry before UNTIL, one entry of each simulation in turn.
    const more = (sim: Simulation) => sim.env.peek() < UNTIL;
    let steps = 0;
    while (more(first) || more(second)) {
      if (more(first)) first.step();
      if (more(second)) second.step();
      steps += 1;
    }
    expect(steps).toBeGreaterThan(50);
    expect(one.events()).toEqual(alone(tainted, strategy));
    expect(other.events()).toEqual(alone(soft, strategy));
    // Both clusters turned containers away, with reasons that name their own extended resource.
    const reasons = (sim: Simulation) =>
      sim.events().flatMap((e) => (e.type === 'placement.rejected' ? Object.keys(e.reasons) : []));
    expect(reasons(one)).toContain('Insufficient fpga');
    expect(reasons(other)).toContain('Insufficient tpu');
  });
});
