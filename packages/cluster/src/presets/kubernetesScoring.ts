import type { Scorer, WeightedScorer } from '../scheduler/Scorer.js';
import type { Strategy } from '../scheduler/Strategy.js';
import type { CandidateSampler } from '../scheduler/sampling/CandidateSampler.js';
import { balancedAllocationV136 } from '../scorers/balancedAllocationV136.js';
import { dotProduct } from '../scorers/dotProduct.js';
import { imageLocality } from '../scorers/imageLocality.js';
import { leastAllocated } from '../scorers/leastAllocated.js';
import { nodeAffinityScore } from '../scorers/nodeAffinityScore.js';
import { podTopologySpreadScore } from '../scorers/podTopologySpreadScore.js';
import type { ResourceWeight } from '../scorers/resourceSpec.js';
import { strandedResources } from '../scorers/strandedResources.js';
import { taintTolerationScore } from '../scorers/taintTolerationScore.js';
import type { ImageCatalog } from '../simulation/buildContainerSpec.js';
import { kubernetesStrategy } from './kubernetes.js';

export { balancedAllocationV136 } from '../scorers/balancedAllocationV136.js';
export { dotProduct } from '../scorers/dotProduct.js';
export { imageLocality, imageLocalityScore } from '../scorers/imageLocality.js';
export { type PodTopologySpreadScoreOptions, podTopologySpreadScore } from '../scorers/podTopologySpreadScore.js';
export { DEFAULT_STRANDING_THRESHOLD, strandedResources } from '../scorers/strandedResources.js';

/**
 * Builds a scorer from a scenario's `scorers` entry. A `ScorerFactory` (profileCatalog.ts) that may
 * also take the scenario's image catalog, which ImageLocality needs for image sizes.
 */
export type KubernetesScorerFactory = (
  resources: readonly ResourceWeight[] | undefined,
  images?: ImageCatalog | undefined,
) => Scorer;

/** Image sizes (MiB) from the scenario's catalog; images it does not list weigh 0 and earn nothing. */
function sizesOf(images: ImageCatalog | undefined): (image: string) => number {
  return (image) => images?.get(image)?.size ?? 0;
}

/**
 * The scorers this file adds, by the name a scenario lists in `scheduler.scorers`: kube-scheduler's
 * ImageLocality, PodTopologySpread and the v1.36 BalancedAllocation, Tetris' DotProduct and Berth's
 * StrandedResources. Resource weights apply to the resource scorers.
 */
export const KUBERNETES_EXTRA_SCORERS: Readonly<Record<string, KubernetesScorerFactory>> = {
  ImageLocality: (_resources, images) => imageLocality(sizesOf(images)),
  PodTopologySpread: () => podTopologySpreadScore(),
  BalancedAllocationV136: (resources) => balancedAllocationV136(resources),
  DotProduct: (resources) => dotProduct(resources),
  StrandedResources: (resources) => strandedResources(resources),
};

/**
 * kube-scheduler's default score plugins as of v1.36 (pkg/scheduler/apis/config/v1/default_plugins.go,
 * with PR #135573's BalancedAllocation): TaintToleration ×3, NodeAffinity ×2, PodTopologySpread ×2
 * (system defaults, zone label `zone`), NodeResourcesFit LeastAllocated ×1, BalancedAllocation (v1.36,
 * change in balance) ×1, ImageLocality ×1. InterPodAffinity (×2) is not modelled: Berth has no
 * preferred pod affinity, and kube skips the plugin for pods without it.
 */
export function kubernetes136Scorers(images?: ImageCatalog): WeightedScorer[] {
  return [
    { scorer: taintTolerationScore(), weight: 3 },
    { scorer: nodeAffinityScore(), weight: 2 },
    { scorer: podTopologySpreadScore(), weight: 2 },
    { scorer: leastAllocated(), weight: 1 },
    { scorer: balancedAllocationV136(), weight: 1 },
    { scorer: imageLocality(sizesOf(images)), weight: 1 },
  ];
}

/**
 * kube-scheduler's default profile as of v1.36: {@link kubernetes136Scorers} with the default profile's
 * filters, adaptive percentageOfNodesToScore and DefaultPreemption. Named `kubernetes-1.36`.
 */
export function kubernetes136Strategy(options?: {
  readonly images?: ImageCatalog | undefined;
  readonly sampler?: CandidateSampler | undefined;
  readonly scorers?: readonly WeightedScorer[] | undefined;
  readonly preemption?: boolean | undefined;
  readonly name?: string | undefined;
}): Strategy {
  return kubernetesStrategy({
    sampler: options?.sampler,
    scorers: options?.scorers ?? kubernetes136Scorers(options?.images),
    preemption: options?.preemption,
    name: options?.name ?? 'kubernetes-1.36',
  });
}
