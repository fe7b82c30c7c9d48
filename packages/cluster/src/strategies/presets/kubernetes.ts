import { defaultFilters } from '../../filters/defaultFilters.js';
import type { WeightedScorer } from '../../scheduler/Scorer.js';
import type { Strategy } from '../../scheduler/Strategy.js';
import { type CandidateSampler, percentageOfNodesToScore } from '../../scheduler/sampling/CandidateSampler.js';
import { balancedAllocation } from '../../scorers/balancedAllocation.js';
import { imageLocality } from '../../scorers/imageLocality.js';
import { interPodAffinityScore } from '../../scorers/interPodAffinityScore.js';
import { leastAllocated } from '../../scorers/leastAllocated.js';
import { nodeAffinityScore } from '../../scorers/nodeAffinityScore.js';
import { podTopologySpreadScore } from '../../scorers/podTopologySpreadScore.js';
import { taintTolerationScore } from '../../scorers/taintTolerationScore.js';
import { ScoredSelector } from '../../selectors/ScoredSelector.js';
import type { ImageCatalog } from '../../simulation/buildContainerSpec.js';

/** Options of the kube-scheduler presets (`kubernetes`, `kubernetes-1.36`, OpenShift's profiles). */
export interface KubernetesStrategyOptions {
  /** The scenario's images, whose sizes ImageLocality reads. */
  readonly images?: ImageCatalog | undefined;
  /** Replaces the adaptive percentageOfNodesToScore. */
  readonly sampler?: CandidateSampler | undefined;
  /** Replace the preset's scorers and weights. */
  readonly scorers?: readonly WeightedScorer[] | undefined;
  /** kube-scheduler's DefaultPreemption; on unless false. */
  readonly preemption?: boolean | undefined;
  readonly name?: string | undefined;
}

/**
 * The `kubernetes` preset: kube-scheduler's default profile, v1.22 to v1.35
 * (pkg/scheduler/apis/config/v1/default_plugins.go): TaintToleration ×3, NodeAffinity ×2,
 * PodTopologySpread ×2 (with the system default constraints), InterPodAffinity ×2 (hardPodAffinityWeight
 * 1; it adds nothing unless some container has pod (anti-)affinity terms, as kube-scheduler skips it),
 * NodeResourcesFit (LeastAllocated, cpu and memory weight 1) ×1, BalancedAllocation (standard
 * deviation) ×1, ImageLocality ×1; adaptive percentageOfNodesToScore; DefaultPreemption.
 */
export function kubernetesStrategy(options?: KubernetesStrategyOptions): Strategy {
  const scorers = options?.scorers ?? kubernetesScorers(options?.images);
  const name = options?.name ?? 'kubernetes';
  return {
    name,
    filters: defaultFilters(),
    selector: new ScoredSelector(name, scorers, options?.sampler ?? percentageOfNodesToScore(0)),
    preemption: options?.preemption ?? true,
  };
}

/** The default profile's scorers and weights; image sizes (MiB) come from the scenario's images. */
export function kubernetesScorers(images?: ImageCatalog): WeightedScorer[] {
  return [
    { scorer: taintTolerationScore(), weight: 3 },
    { scorer: nodeAffinityScore(), weight: 2 },
    { scorer: podTopologySpreadScore(), weight: 2 },
    { scorer: interPodAffinityScore(), weight: 2 },
    { scorer: leastAllocated(), weight: 1 },
    { scorer: balancedAllocation(), weight: 1 },
    { scorer: imageLocality(imageSizes(images)), weight: 1 },
  ];
}

/** Image sizes (MiB) from the scenario's catalog, for ImageLocality; images it does not list weigh 0 and earn nothing. */
export function imageSizes(images: ImageCatalog | undefined): (image: string) => number {
  return (image) => images?.get(image)?.size ?? 0;
}
