import type { Scorer } from '../scheduler/Scorer.js';
import { balanceScore } from './balanceScore.js';
import {
  DEFAULT_RESOURCES,
  kubeAmount,
  type ResourceWeight,
  resolveResources,
  skipsUnrequested,
} from './resourceSpec.js';

/** BalancedAllocation's state: resolved resources, this attempt's requests, and scratch for one host's fractions. */
interface BalancedAllocationState {
  indexes: Int32Array;
  requested: Float64Array;
  fractions: Float64Array;
}

/**
 * kube-scheduler's NodeResourcesBalancedAllocation as of v1.22 to v1.35 (balanced_allocation.go): the
 * requested fraction of each resource after placement, `min(req/cap, 1)` (actual requests, resources
 * the host lacks and extended resources the container does not request skipped), scored `int((1 − std) × 100)` with the population standard deviation (for
 * two resources `|f1 − f2| / 2`). Containers that request none of the scored resources (BestEffort) are not scored.
 */
export function balancedAllocation(
  resources: readonly ResourceWeight[] = DEFAULT_RESOURCES,
): Scorer<BalancedAllocationState> {
  return {
    name: 'BalancedAllocation',
    hostLocal: true,
    createState: () => ({
      indexes: new Int32Array(0),
      requested: new Float64Array(0),
      fractions: new Float64Array(resources.length),
    }),
    prepare: (request, cluster, _candidates, state) => {
      if (state.indexes.length !== resources.length) {
        state.indexes = resolveResources('BalancedAllocation', resources, cluster.resources).indexes;
        state.fractions = new Float64Array(state.indexes.length);
        state.requested = new Float64Array(state.indexes.length);
      }
      // kube-scheduler skips a pod only when it requests none of the scored resources (isBestEffortPod).
      const { indexes, requested } = state;
      let any = false;
      for (let i = 0; i < indexes.length; i++) {
        requested[i] = kubeAmount(indexes[i]!, request.requests[indexes[i]!]!);
        if (requested[i]! > 0) any = true;
      }
      return any;
    },
    score: (_request, host, _cluster, state) => {
      const { indexes, requested, fractions } = state;
      let n = 0;
      let total = 0;
      for (let i = 0; i < indexes.length; i++) {
        const r = indexes[i]!;
        if (requested[i] === 0 && skipsUnrequested(r)) continue;
        const capacity = kubeAmount(r, host.capacity[r]!);
        if (capacity === 0) continue;
        let f = (kubeAmount(r, host.allocated[r]!) + requested[i]!) / capacity;
        if (f > 1) f = 1;
        fractions[n++] = f;
        total += f;
      }
      return balanceScore(fractions, n, total);
    },
  };
}
