import type { Scorer } from '../scheduler/Scorer.js';
import {
  DEFAULT_RESOURCES,
  kubeAmount,
  type ResolvedResources,
  type ResourceWeight,
  resolveResources,
} from './resourceSpec.js';

/**
 * kube-scheduler's NodeResourcesFit with the LeastAllocated strategy (least_allocated.go): per resource
 * `(cap − req) × 100 / cap` in integer arithmetic (0 when req > cap), where req is the host's
 * non-zero requests plus the container's; resources the host lacks are skipped; the score is the
 * weighted mean with integer division. Favours emptier hosts: spreading.
 */
export function leastAllocated(resources: readonly ResourceWeight[] = DEFAULT_RESOURCES): Scorer {
  return allocationScorer('LeastAllocated', resources, (requested, capacity) =>
    requested > capacity ? 0 : Math.floor(((capacity - requested) * 100) / capacity),
  );
}

/** The shared body of LeastAllocated and MostAllocated: a weighted integer mean of per-resource scores. */
export function allocationScorer(
  name: string,
  resources: readonly ResourceWeight[],
  perResource: (requested: number, capacity: number) => number,
): Scorer {
  let resolved: ResolvedResources | null = null;
  return {
    name,
    prepare: (_request, cluster) => {
      if (resolved === null) resolved = resolveResources(name, resources, cluster.resources);
      return true;
    },
    score: (request, host) => {
      const { indexes, weights } = resolved!;
      let score = 0;
      let weightSum = 0;
      for (let i = 0; i < indexes.length; i++) {
        const r = indexes[i]!;
        const capacity = kubeAmount(r, host.capacity[r]!);
        if (capacity === 0) continue;
        const requested = kubeAmount(r, host.nonZeroAllocated[r]!) + kubeAmount(r, request.nonZeroRequests[r]!);
        score += perResource(requested, capacity) * weights[i]!;
        weightSum += weights[i]!;
      }
      return weightSum === 0 ? 0 : Math.floor(score / weightSum);
    },
  };
}
