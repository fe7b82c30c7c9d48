import type { HostView } from '../hosts/Host.js';
import { defaultNormalize, type Scorer } from '../scheduler/Scorer.js';
import { DEFAULT_RESOURCES, type ResolvedResources, type ResourceWeight, resolveResources } from './resourceSpec.js';

interface PackingState {
  resolved: ResolvedResources | null;
  /** The largest capacity of each listed resource over the hosts, and the host count it was taken at. */
  max: Float64Array;
  hosts: number;
}

/**
 * The dot product as a packing rule, the way the FGD paper's DotProd baseline uses it (Weng et al.,
 * USENIX ATC 2023, §6.1; its simulator's `dot_product_score.go` with `norm max`): the demand and the
 * host's free resources, each divided by the **largest** capacity of that resource in the cluster,
 * `raw = Σ_r w_r · (req_r / max_r) · (free_r / max_r)`, and the **smallest** product wins:
 * `score = 100 − trunc(100 × raw / max(raw))` over the candidates (kube's DefaultNormalizeScore,
 * reversed). Little free capacity where the container is large means a tight fit: it **packs**.
 * Weights default to 1, cpu and memory; actual requests are used.
 */
export function dotProductPacking(resources: readonly ResourceWeight[] = DEFAULT_RESOURCES): Scorer<PackingState> {
  return {
    name: 'DotProductPacking',
    createState: () => ({ resolved: null, max: new Float64Array(resources.length), hosts: -1 }),
    prepare: (_request, cluster, _candidates, state) => {
      if (state.resolved === null) state.resolved = resolveResources('DotProductPacking', resources, cluster.resources);
      // Capacities never change; the largest is taken again only when hosts join.
      if (state.hosts !== cluster.hosts.length) {
        const { indexes } = state.resolved;
        state.max.fill(0);
        for (const host of cluster.hosts as readonly HostView[]) {
          for (let i = 0; i < indexes.length; i++) state.max[i] = Math.max(state.max[i]!, host.capacity[indexes[i]!]!);
        }
        state.hosts = cluster.hosts.length;
      }
      return true;
    },
    score: (request, host, _cluster, state) => {
      const { indexes, weights } = state.resolved!;
      let score = 0;
      for (let i = 0; i < indexes.length; i++) {
        const r = indexes[i]!;
        const max = state.max[i]!;
        if (max <= 0) continue;
        const free = Math.max(host.capacity[r]! - host.allocated[r]!, 0);
        score += (weights[i]! * (request.requests[r]! / max) * free) / max;
      }
      return score;
    },
    normalize: (scores, count) => defaultNormalize(scores, count, true),
  };
}
