import type { LoadBalancingPolicy } from '../LoadBalancingPolicy.js';

/**
 * One queue in front of every replica: a request waits at the balancer until some replica has a free
 * slot, and goes to the free replica with the fewest active requests (the first on a tie). The
 * textbook M/M/c queue (Erlang C) when replicas serve one request at a time: the best any dispatcher
 * can do without knowing service times. Real proxies approach it with a queue per worker; choose it as
 * the yardstick the other policies are measured against.
 */
export function sharedQueue(): LoadBalancingPolicy {
  return {
    name: 'shared-queue',
    sharedQueue: true,
    pick(endpoints) {
      let best = -1;
      for (let i = 0; i < endpoints.length; i++) {
        const e = endpoints[i]!;
        if (e.active < e.concurrency && (best < 0 || e.active < endpoints[best]!.active)) best = i;
      }
      return best;
    },
  };
}
