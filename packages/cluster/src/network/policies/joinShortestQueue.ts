import type { LoadBalancingPolicy } from '../LoadBalancingPolicy.js';

/**
 * Join the shortest queue: the endpoint with the fewest active requests (in service and waiting),
 * knowing every endpoint's count, ties broken uniformly at random (Winston, "Optimality of the shortest
 * line discipline", J. Appl. Prob. 14(1), 1977: optimal among policies that do not know service times,
 * for identical exponential servers). The yardstick for the sampling policies: power of two choices
 * comes close at a fraction of the looks. Choose it to see the best a per-replica-queue dispatcher can
 * do; real proxies pay for the full scan and the global view.
 */
export function joinShortestQueue(): LoadBalancingPolicy {
  return {
    name: 'join-shortest-queue',
    pick(endpoints, _key, rng) {
      let best = 0;
      let least = endpoints[0]!.active;
      let ties = 1;
      for (let i = 1; i < endpoints.length; i++) {
        const active = endpoints[i]!.active;
        if (active < least) {
          best = i;
          least = active;
          ties = 1;
        } else if (active === least) {
          // Reservoir sampling: the k-th tie replaces the choice with probability 1/k.
          ties += 1;
          if (rng.integer(0, ties) === 0) best = i;
        }
      }
      return best;
    },
  };
}
