import { defaultNormalize, type Scorer } from '../scheduler/Scorer.js';
import { DEFAULT_RESOURCES, type ResolvedResources, type ResourceWeight, resolveResources } from './resourceSpec.js';

/**
 * Tetris' alignment score (Grandl et al., "Multi-Resource Packing for Cluster Schedulers", SIGCOMM
 * 2014, §3.2), registered as `DotProductAlignment` (and, by its old name, `DotProduct`): the dot product of the container's demand and the host's free resources, both as
 * fractions of the host's capacity, `Σ_r w_r · (req_r / cap_r) · (free_r / cap_r)` with
 * `free_r = cap_r − allocated_r` before placement, over the listed resources the host has (weights
 * default to 1, cpu and memory). A host whose free resources point the same way as the demand scores
 * high. Placing one container at a time, the largest dot product is the emptiest host of a shape:
 * this scorer **spreads** (docs/strategies/packsOrSpreads.test.ts).
 * For packing by shape, use {@link dotProductPacking}.
 *
 * Uses actual requests, as the resource filter does. Normalised over the candidates as kube's
 * DefaultNormalizeScore does: `trunc(100 × s / max)`, so the best-aligned candidate scores 100 (all 0
 * when every raw score is 0, e.g. for a container requesting nothing).
 */
export function dotProduct(
  resources: readonly ResourceWeight[] = DEFAULT_RESOURCES,
  name = 'DotProduct',
): Scorer<{ resolved: ResolvedResources | null }> {
  return {
    name,
    // The listed resources' positions in this simulation's vectors, resolved on first use.
    createState: () => ({ resolved: null }),
    prepare: (_request, cluster, _candidates, state) => {
      if (state.resolved === null) state.resolved = resolveResources('DotProduct', resources, cluster.resources);
      return true;
    },
    score: (request, host, _cluster, state) => {
      const { indexes, weights } = state.resolved!;
      let score = 0;
      for (let i = 0; i < indexes.length; i++) {
        const r = indexes[i]!;
        const cap = host.capacity[r]!;
        if (cap <= 0) continue;
        const free = Math.max(cap - host.allocated[r]!, 0);
        score += (weights[i]! * (request.requests[r]! / cap) * free) / cap;
      }
      return score;
    },
    normalize: (scores, count) => defaultNormalize(scores, count, false),
  };
}
