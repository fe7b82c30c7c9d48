import type { Scorer } from '../scheduler/Scorer.js';
import {
  DEFAULT_RESOURCES,
  kubeAmount,
  type ResourceWeight,
  resolveResources,
  skipsUnrequested,
} from './resourceSpec.js';

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

/** What LeastAllocated and MostAllocated keep per simulation: the resolved resources and this attempt's amounts. */
interface AllocationState {
  indexes: Int32Array;
  weights: Int32Array;
  /**
   * The container's requests (non-zero defaults applied) in kube's units, per listed resource; -1 marks
   * an extended resource it does not request, which is not scored.
   */
  requested: Float64Array;
}

/**
 * The shared body of LeastAllocated and MostAllocated: a weighted integer mean of per-resource
 * scores in kube-scheduler's integer units. The container's amounts are converted once per attempt.
 */
export function allocationScorer(
  name: string,
  resources: readonly ResourceWeight[],
  most: boolean,
): Scorer<AllocationState> {
  return {
    name,
    hostLocal: true,
    createState: () => ({ indexes: new Int32Array(0), weights: new Int32Array(0), requested: new Float64Array(0) }),
    prepare: (request, cluster, _candidates, state) => {
      if (state.indexes.length !== resources.length) {
        const resolved = resolveResources(name, resources, cluster.resources);
        state.indexes = resolved.indexes;
        state.weights = resolved.weights;
        state.requested = new Float64Array(resolved.indexes.length);
      }
      const { indexes, requested } = state;
      for (let i = 0; i < indexes.length; i++) {
        const r = indexes[i]!;
        const amount = kubeAmount(r, request.nonZeroRequests[r]!);
        requested[i] = amount === 0 && skipsUnrequested(r) ? -1 : amount;
      }
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
