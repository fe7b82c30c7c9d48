import type { WeightedScorer } from '../../scheduler/Scorer.js';
import type { Strategy } from '../../scheduler/Strategy.js';
import { balancedAllocationV136 } from '../../scorers/balancedAllocationV136.js';
import type { ImageCatalog } from '../../simulation/buildContainerSpec.js';
import { type KubernetesStrategyOptions, kubernetesScorers, kubernetesStrategy } from './kubernetes.js';

/**
 * kube-scheduler's default score plugins as of v1.36 (pkg/scheduler/apis/config/v1/default_plugins.go,
 * with PR #135573's BalancedAllocation): TaintToleration ×3, NodeAffinity ×2, PodTopologySpread ×2
 * (system defaults, zone label `zone`), InterPodAffinity ×2, NodeResourcesFit LeastAllocated ×1,
 * BalancedAllocation (v1.36, change in balance) ×1, ImageLocality ×1.
 */
export function kubernetes136Scorers(images?: ImageCatalog): WeightedScorer[] {
  return kubernetesScorers(images).map((ws) =>
    ws.scorer.name === 'BalancedAllocation' ? { scorer: balancedAllocationV136(), weight: ws.weight } : ws,
  );
}

/**
 * The `kubernetes-1.36` preset: kube-scheduler's default profile as of v1.36, {@link kubernetes136Scorers}
 * with the default profile's filters, adaptive percentageOfNodesToScore and DefaultPreemption.
 */
export function kubernetes136Strategy(options?: KubernetesStrategyOptions): Strategy {
  return kubernetesStrategy({
    sampler: options?.sampler,
    scorers: options?.scorers ?? kubernetes136Scorers(options?.images),
    preemption: options?.preemption,
    name: options?.name ?? 'kubernetes-1.36',
  });
}
