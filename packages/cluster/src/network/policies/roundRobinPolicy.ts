import type { LoadBalancingPolicy } from '../LoadBalancingPolicy.js';

/**
 * Each endpoint in turn: IPVS's default `rr` scheduler (pkg/proxy/ipvs) and Envoy's ROUND_ROBIN with
 * equal weights. Spreads requests exactly evenly; under Poisson load each replica sees Erlang-n gaps
 * (an E_n/M/1 queue), better than random. Choose it when replicas are alike and requests cost the same.
 */
export function roundRobinPolicy(): LoadBalancingPolicy<{ next: number }> {
  return {
    name: 'round-robin',
    createState: () => ({ next: 0 }),
    pick(endpoints, _key, _rng, state) {
      const i = state.next % endpoints.length;
      state.next = i + 1;
      return i;
    },
  };
}
