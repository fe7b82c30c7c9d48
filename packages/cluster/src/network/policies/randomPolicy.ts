import type { LoadBalancingPolicy } from '../LoadBalancingPolicy.js';

/**
 * Uniform random choice among the endpoints: what kube-proxy's iptables mode does per new connection
 * (endpoint i of n matched with probability 1/(n − i), pkg/proxy/iptables/proxier.go) and its nftables
 * mode (`numgen random mod n`). With one request per connection, each replica is an M/M/1 queue
 * under Poisson load. Choose it to see what plain Kubernetes Services do.
 */
export function randomPolicy(): LoadBalancingPolicy {
  return { name: 'random', pick: (endpoints, _key, rng) => rng.integer(0, endpoints.length) };
}
