import type { Scorer } from '../scheduler/Scorer.js';
import { createFitRequests, type FitRequests, prepareFitRequests } from './fitRequests.js';
import { DEFAULT_RESOURCES, kubeAmount, type ResourceWeight } from './resourceSpec.js';

/**
 * kube-scheduler's NodeResourcesFit with the LeastAllocated strategy (least_allocated.go): per resource
 * `(cap − req) × 100 / cap` in integer arithmetic (0 when req > cap), where req is the host's
 * non-zero requests plus the container's; resources the host lacks are skipped, and so are extended
 * resources (gpu and the like) the container does not request; the score is the weighted mean of the
 * rest with integer division (0 when nothing is left). Favours emptier hosts: spreading.
 */
export function leastAllocated(resources: readonly ResourceWeight[] = DEFAULT_RESOURCES): Scorer {
  return allocationScorer('LeastAllocated', resources, false);
}

/**
 * The shared body of LeastAllocated and MostAllocated: a weighted integer mean of per-resource
 * scores in kube-scheduler's integer units. The container's amounts are converted once per attempt.
 */
export function allocationScorer(
  name: string,
  resources: readonly ResourceWeight[],
  most: boolean,
): Scorer<FitRequests> {
  return {
    name,
    hostLocal: true,
    createState: createFitRequests,
    prepare: (request, cluster, _candidates, state) => {
      prepareFitRequests(name, resources, request, cluster.resources, state);
      return true;
    },
    score: (_request, host, _cluster, state) => {
      const { indexes, weights, requested } = state;
      let score = 0;
      let weightSum = 0;
      const capacities = host.capacity;
      const allocated = host.nonZeroAllocated;
      for (let i = 0; i < indexes.length; i++) {
        if (requested[i]! < 0) continue;
        const r = indexes[i]!;
        const capacity = kubeAmount(r, capacities[r]!);
        if (capacity === 0) continue;
        const req = kubeAmount(r, allocated[r]!) + requested[i]!;
        const s = most
          ? Math.floor((Math.min(req, capacity) * 100) / capacity)
          : req > capacity
            ? 0
            : Math.floor(((capacity - req) * 100) / capacity);
        score += s * weights[i]!;
        weightSum += weights[i]!;
      }
      return weightSum === 0 ? 0 : Math.floor(score / weightSum);
    },
  };
}
