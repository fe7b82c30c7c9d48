import { defaultFilters } from '../scheduler/defaultFilters.js';
import type { SchedulerProfile } from '../scheduler/SchedulerProfile.js';
import type { WeightedScorer } from '../scheduler/Scorer.js';
import { type CandidateSampler, percentageOfNodesToScore } from '../scheduler/sampling/CandidateSampler.js';
import { balancedAllocation } from '../scorers/balancedAllocation.js';
import { leastAllocated } from '../scorers/leastAllocated.js';
import { nodeAffinityScore } from '../scorers/nodeAffinityScore.js';
import { taintTolerationScore } from '../scorers/taintTolerationScore.js';
import { ScoredStrategy } from '../strategies/ScoredStrategy.js';

/**
 * kube-scheduler's default profile, v1.22 to v1.35 (pkg/scheduler/apis/config/v1/default_plugins.go):
 * TaintToleration ×3, NodeAffinity ×2, NodeResourcesFit (LeastAllocated, cpu and memory weight 1) ×1,
 * BalancedAllocation (standard deviation) ×1; adaptive percentageOfNodesToScore; DefaultPreemption.
 * PodTopologySpread and InterPodAffinity scoring and ImageLocality are not modelled yet: they add the
 * same to every host for containers without spread constraints, pod affinity or cached images.
 */
export function kubernetesProfile(options?: {
  readonly sampler?: CandidateSampler | undefined;
  readonly scorers?: readonly WeightedScorer[] | undefined;
  readonly preemption?: boolean | undefined;
  readonly name?: string | undefined;
}): SchedulerProfile {
  const scorers = options?.scorers ?? kubernetesScorers();
  const name = options?.name ?? 'kubernetes';
  return {
    name,
    filters: defaultFilters(),
    strategy: new ScoredStrategy(name, scorers, options?.sampler ?? percentageOfNodesToScore(0)),
    preemption: options?.preemption ?? true,
  };
}

/** The default profile's scorers and weights. */
export function kubernetesScorers(): WeightedScorer[] {
  return [
    { scorer: taintTolerationScore(), weight: 3 },
    { scorer: nodeAffinityScore(), weight: 2 },
    { scorer: leastAllocated(), weight: 1 },
    { scorer: balancedAllocation(), weight: 1 },
  ];
}
