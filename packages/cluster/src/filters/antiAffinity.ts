import { domainOf } from '../scheduler/ClusterView.js';
import type { Filter } from '../scheduler/Filter.js';

/**
 * No two containers of the same service in one topology domain (`hostname`: one per host): required
 * inter-pod anti-affinity in Kubernetes, `distinctInstance` in ECS, `distinct_hosts` in Nomad.
 */
export function antiAffinity(): Filter {
  return {
    name: 'AntiAffinity',
    prepare: (request) => request.antiAffinityKey !== undefined && request.service !== undefined,
    check: (request, host, cluster) => {
      const key = request.antiAffinityKey!;
      const domain = domainOf(host, key);
      if (domain === undefined) return `host has no '${key}' label`;
      return cluster.domainCount(key, domain, request.service!) > 0
        ? 'anti-affinity: a replica is already there'
        : null;
    },
  };
}
