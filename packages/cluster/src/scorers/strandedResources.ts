import { argumentError } from '@berth/kernel';
import type { Scorer } from '../scheduler/Scorer.js';
import { DEFAULT_RESOURCES, type ResolvedResources, type ResourceWeight, resolveResources } from './resourceSpec.js';

/**
 * Penalises placements that strand resources: leave one resource of a host nearly exhausted while
 * others stay free, so that the free ones can no longer be sold. Berth's own formula; the goal is Borg's
 * (Verma et al., "Large-scale cluster management at Google with Borg", EuroSys 2015, §3.2: a scoring
 * model that reduces "stranded resources — ones that cannot be used because another resource on the
 * machine is fully allocated").
 *
 * With `f_r = clamp((cap_r − allocated_r − req_r) / cap_r, 0, 1)` the free fraction of each listed
 * resource after placement (resources the host lacks skipped), `lo = min_r f_r`, `hi = max_r f_r`:
 *
 *     pressure = max(0, (threshold − lo) / threshold)   0 while every resource keeps `threshold` free, 1 when one is exhausted
 *     stranded = pressure × (hi − lo)                    the share of the freest resource put out of reach
 *     score    = trunc(100 × (1 − stranded))              (plus 1e-9 so float dust never costs a point)
 *
 * A host that stays comfortably free everywhere, or that fills evenly (lo = hi), scores 100; a host
 * whose cpu runs out while half its memory stays free scores 50. The score is a guard, not a packing
 * policy: combine it with MostAllocated or LeastAllocated. Uses actual requests; scores are already
 * 0..100, so there is no normalisation.
 */
export function strandedResources(
  resources: readonly ResourceWeight[] = DEFAULT_RESOURCES,
  threshold = DEFAULT_STRANDING_THRESHOLD,
): Scorer<{ resolved: ResolvedResources | null }> {
  if (!(threshold > 0 && threshold <= 1)) {
    throw argumentError('threshold', `expected a free fraction in (0, 1], got ${threshold}`);
  }
  return {
    name: 'StrandedResources',
    // The listed resources' positions in this simulation's vectors, resolved on first use.
    createState: () => ({ resolved: null }),
    prepare: (_request, cluster, _candidates, state) => {
      if (state.resolved === null) state.resolved = resolveResources('StrandedResources', resources, cluster.resources);
      return true;
    },
    score: (request, host, _cluster, state) => {
      const { indexes } = state.resolved!;
      let lo = 1;
      let hi = 0;
      let seen = 0;
      for (let i = 0; i < indexes.length; i++) {
        const r = indexes[i]!;
        const cap = host.capacity[r]!;
        if (cap <= 0) continue;
        let f = (cap - host.allocated[r]! - request.requests[r]!) / cap;
        if (f < 0) f = 0;
        else if (f > 1) f = 1;
        if (f < lo) lo = f;
        if (f > hi) hi = f;
        seen += 1;
      }
      if (seen < 2) return 100;
      const pressure = lo >= threshold ? 0 : (threshold - lo) / threshold;
      return Math.trunc(100 * (1 - pressure * (hi - lo)) + 1e-9);
    },
  };
}

/** Default free fraction below which a resource counts as nearly exhausted: 10 %. */
export const DEFAULT_STRANDING_THRESHOLD = 0.1;
