import type { LoadBalancingPolicy } from '../LoadBalancingPolicy.js';

/**
 * The endpoint with the fewest active requests, found by a full scan, the first in list order on a tie:
 * IPVS's `lc` scheduler (net/netfilter/ipvs/ip_vs_lc.c, which counts a real server's active
 * connections and keeps the first with the least; kube-proxy's IPVS mode offers it as `lc`). Counting
 * requests, not connections, it is HAProxy's `leastconn` too. Choose it for long or uneven requests
 * over a few replicas; the first replicas in the list take more of the load when it is light.
 */
export function leastConnections(): LoadBalancingPolicy {
  return {
    name: 'least-connections',
    pick(endpoints) {
      let best = 0;
      let least = endpoints[0]!.active;
      for (let i = 1; i < endpoints.length; i++) {
        const active = endpoints[i]!.active;
        if (active < least) {
          best = i;
          least = active;
        }
      }
      return best;
    },
  };
}
