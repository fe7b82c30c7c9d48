import { kubernetesStrategy } from '../presets/kubernetes.js';
import { KUBERNETES_EXTRA_SCORERS, kubernetes136Strategy } from '../presets/kubernetesScoring.js';
import { REAL_SYSTEM_PRESETS } from '../presets/realSystems.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import type { Scenario } from '../scenario/scenarioSchema.js';
import { balancedAllocation } from '../scorers/balancedAllocation.js';
import { leastAllocated } from '../scorers/leastAllocated.js';
import { mostAllocated } from '../scorers/mostAllocated.js';
import { nodeAffinityScore } from '../scorers/nodeAffinityScore.js';
import { nomadBinpack } from '../scorers/nomadBinpack.js';
import { nomadSpread } from '../scorers/nomadSpread.js';
import type { ResourceWeight } from '../scorers/resourceSpec.js';
import { swarmWeight } from '../scorers/swarmWeight.js';
import { taintTolerationScore } from '../scorers/taintTolerationScore.js';
import { bestFit, firstFit, roundRobin, worstFit } from '../selectors/FitSelector.js';
import { ScoredSelector } from '../selectors/ScoredSelector.js';
import type { ImageCatalog } from '../simulation/buildContainerSpec.js';
import { defaultFilters } from './defaultFilters.js';
import type { Scorer, WeightedScorer } from './Scorer.js';
import type { Selector } from './Selector.js';
import type { Strategy } from './Strategy.js';
import {
  allHosts,
  type CandidateSampler,
  nomadLimit,
  percentageOfNodesToScore,
  randomSample,
} from './sampling/CandidateSampler.js';

/** The scheduler section of a parsed scenario. */
export type SchedulerConfig = Scenario['scheduler'];

/** What a strategy factory gets: the scheduler settings and the simulation's resources. */
export interface StrategyContext {
  readonly config: SchedulerConfig;
  readonly resources: ResourceCatalog;
  /** The sampler the scenario asked for, if it asked. */
  readonly sampler: CandidateSampler | undefined;
  /** The explicit scorers the scenario listed, if it listed any. */
  readonly scorers: WeightedScorer[] | undefined;
  /** The scenario's images (pull time, size), for ImageLocality. */
  readonly images: ImageCatalog;
}

/** Builds a fresh strategy for one simulation. */
export type StrategyFactory = (context: StrategyContext) => Strategy;

/** Builds a scorer from a scenario's `scorers` entry; resource weights apply to resource scorers. */
export type ScorerFactory = (
  resources: readonly ResourceWeight[] | undefined,
  images?: ImageCatalog | undefined,
) => Scorer;

/** Scorers a scenario can list by name, with kube-scheduler's plugin names where they exist. */
export const SCORERS: Readonly<Record<string, ScorerFactory>> = {
  LeastAllocated: (r) => leastAllocated(r),
  MostAllocated: (r) => mostAllocated(r),
  BalancedAllocation: (r) => balancedAllocation(r),
  TaintToleration: () => taintTolerationScore(),
  NodeAffinity: () => nodeAffinityScore(),
  NomadBinpack: () => nomadBinpack(),
  NomadSpread: () => nomadSpread(),
  SwarmWeight: () => swarmWeight(),
  ...KUBERNETES_EXTRA_SCORERS,
};

/** Strategies a scenario can name in `scheduler.strategy`: the presets and the classic heuristics. */
export const STRATEGIES: Readonly<Record<string, StrategyFactory>> = {
  kubernetes: (c) =>
    kubernetesStrategy({ images: c.images, sampler: c.sampler, scorers: c.scorers, preemption: c.config.preemption }),
  'kubernetes-1.36': (c) =>
    kubernetes136Strategy({
      images: c.images,
      sampler: c.sampler,
      scorers: c.scorers,
      preemption: c.config.preemption,
    }),
  'least-allocated': (c) => scored('least-allocated', c, [{ scorer: leastAllocated(), weight: 1 }]),
  'most-allocated': (c) => scored('most-allocated', c, [{ scorer: mostAllocated(), weight: 1 }]),
  'balanced-allocation': (c) => scored('balanced-allocation', c, [{ scorer: balancedAllocation(), weight: 1 }]),
  random: (c) => scored('random', c, [], randomSample(1)),
  'power-of-two-choices': (c) =>
    scored('power-of-two-choices', c, [{ scorer: leastAllocated(), weight: 1 }], randomSample(2)),
  'first-fit': (c) => fit(c, firstFit()),
  'best-fit': (c) => fit(c, bestFit()),
  'worst-fit': (c) => fit(c, worstFit()),
  'round-robin': (c) => fit(c, roundRobin()),
  ...REAL_SYSTEM_PRESETS,
};

/** Resolves `scheduler.sampling` to a sampler. */
export function samplerFromConfig(sampling: SchedulerConfig['sampling']): CandidateSampler | undefined {
  if (sampling === undefined) return undefined;
  if (sampling === 'all') return allHosts();
  if (sampling === 'adaptive') return percentageOfNodesToScore(0);
  if (sampling === 'nomad') return nomadLimit();
  if ('percentage' in sampling) return percentageOfNodesToScore(sampling.percentage);
  return randomSample(sampling.random);
}

/** Resolves `scheduler.scorers` to weighted scorers, or throws naming the unknown scorer. */
export function scorersFromConfig(config: SchedulerConfig, images?: ImageCatalog): WeightedScorer[] | undefined {
  if (config.scorers === undefined) return undefined;
  return config.scorers.map((s) => {
    const factory = Object.hasOwn(SCORERS, s.name) ? SCORERS[s.name] : undefined;
    if (factory === undefined)
      throw new RangeError(`unknown scorer '${s.name}'; known: ${Object.keys(SCORERS).join(', ')}`);
    const resources =
      s.resources === undefined ? undefined : Object.entries(s.resources).map(([name, weight]) => ({ name, weight }));
    return { scorer: factory(resources, images), weight: s.weight };
  });
}

function scored(
  name: string,
  c: StrategyContext,
  scorers: WeightedScorer[],
  sampler: CandidateSampler = allHosts(),
): Strategy {
  return {
    name,
    filters: defaultFilters(),
    selector: new ScoredSelector(name, c.scorers ?? scorers, c.sampler ?? sampler),
    preemption: c.config.preemption ?? false,
  };
}

function fit(c: StrategyContext, selector: Selector): Strategy {
  return { name: selector.name, filters: defaultFilters(), selector, preemption: c.config.preemption ?? false };
}
