import { domainOf } from '../scheduler/ClusterView.js';
import type { Filter } from '../scheduler/Filter.js';

/**
 * kube-scheduler's PodTopologySpread filter for `whenUnsatisfiable: DoNotSchedule` constraints: placing
 * the container in the host's domain must keep `count(domain) + 1 − min(count over domains) ≤ maxSkew`.
 * Domains are the values of the topology label among schedulable hosts; a host without the label is
 * rejected.
 */
export function topologySpread(): Filter<{ minimums: number[] }> {
  return {
    name: 'PodTopologySpread',
    // Per constraint of this attempt's container: the smallest count over the domains (0 if not DoNotSchedule).
    createState: () => ({ minimums: [] }),
    prepare: (request, cluster, state) => {
      if (request.service === undefined) return false;
      let any = false;
      state.minimums = request.spread.map((c) => {
        if (c.whenUnsatisfiable !== 'DoNotSchedule') return 0;
        any = true;
        let min = Number.POSITIVE_INFINITY;
        for (const count of cluster.domainCounts(c.topologyKey, request.service!).values())
          if (count < min) min = count;
        return min === Number.POSITIVE_INFINITY ? 0 : min;
      });
      return any;
    },
    check: (request, host, cluster, { minimums }) => {
      const constraints = request.spread;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i]!;
        if (c.whenUnsatisfiable !== 'DoNotSchedule') continue;
        const domain = domainOf(host, c.topologyKey);
        if (domain === undefined) return `host has no '${c.topologyKey}' label`;
        const count = cluster.domainCount(c.topologyKey, domain, request.service!);
        if (count + 1 - minimums[i]! > c.maxSkew) return "host didn't match the topology spread constraints";
      }
      return null;
    },
  };
}
