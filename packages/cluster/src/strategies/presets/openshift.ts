import type { WeightedScorer } from '../../scheduler/Scorer.js';
import type { Strategy } from '../../scheduler/Strategy.js';
import { mostAllocated } from '../../scorers/mostAllocated.js';
import type { ImageCatalog } from '../../simulation/buildContainerSpec.js';
import { type KubernetesStrategyOptions, kubernetesScorers, kubernetesStrategy } from './kubernetes.js';

/** The scheduler profiles of OpenShift's `Scheduler` resource (`spec.profile`). */
export type OpenShiftProfileName = 'LowNodeUtilization' | 'HighNodeUtilization' | 'NoScoring';

/**
 * OpenShift's scheduler profiles (openshift/cluster-kube-scheduler-operator README), on top of the
 * upstream kube-scheduler profile ({@link kubernetesStrategy}): `LowNodeUtilization` is the upstream
 * default (spread by LeastAllocated and BalancedAllocation); `HighNodeUtilization` switches
 * NodeResourcesFit to MostAllocated and disables BalancedAllocation (bin-packing); `NoScoring`
 * disables every score plugin, so kube-scheduler gives each sampled feasible host the same score and
 * picks one at random. Filters, sampling (adaptive percentageOfNodesToScore) and preemption stay
 * upstream's. Explicit `scorers` replace the profile's.
 */
export function openshiftStrategy(profile: OpenShiftProfileName, options?: KubernetesStrategyOptions): Strategy {
  return kubernetesStrategy({
    name: options?.name ?? OPENSHIFT_PRESET_NAMES[profile],
    sampler: options?.sampler,
    preemption: options?.preemption,
    scorers: options?.scorers ?? openshiftScorers(profile, options?.images),
    images: options?.images,
  });
}

/** The preset name of each OpenShift profile: `openshift-` and the profile name in kebab case. */
export const OPENSHIFT_PRESET_NAMES: Readonly<Record<OpenShiftProfileName, string>> = {
  LowNodeUtilization: 'openshift-low-node-utilization',
  HighNodeUtilization: 'openshift-high-node-utilization',
  NoScoring: 'openshift-no-scoring',
};

/** The weighted scorers of an OpenShift profile; undefined means upstream's defaults. */
function openshiftScorers(
  profile: OpenShiftProfileName,
  images: ImageCatalog | undefined,
): WeightedScorer[] | undefined {
  switch (profile) {
    case 'LowNodeUtilization':
      return undefined;
    case 'HighNodeUtilization':
      // Upstream's scorers and weights, with no BalancedAllocation and NodeResourcesFit switched to
      // MostAllocated at weight 5 (cluster-kube-scheduler-operator,
      // bindata/assets/config/defaultconfig-postbootstrap-highnodeutilization.yaml).
      return kubernetesScorers(images)
        .filter(({ scorer }) => scorer.name !== 'BalancedAllocation')
        .map((ws) => (ws.scorer.name === 'LeastAllocated' ? { scorer: mostAllocated(), weight: 5 } : ws));
    case 'NoScoring':
      return [];
    default:
      throw new RangeError(
        `unknown OpenShift profile '${String(profile)}'; known: LowNodeUtilization, HighNodeUtilization, NoScoring`,
      );
  }
}
