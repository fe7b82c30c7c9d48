import { argumentError } from '@berth/kernel';
import type { BalancingPolicy } from '../BalancingPolicy.js';

/** Options of {@link leastRequest}. */
export interface LeastRequestOptions {
  /** Endpoints sampled per pick (Envoy's `choice_count`, default 2, at least 2). */
  readonly choices?: number | undefined;
}

/**
 * Envoy's LEAST_REQUEST with equal weights, its default: sample `choices` endpoints at random (with
 * replacement, as Envoy's N_CHOICES does) and take the one with the fewest active requests, the first
 * sampled on a tie (envoyproxy/envoy, `load_balancer_impl.cc` and `least_request.proto`: choice_count
 * 2). The power of two choices (Mitzenmacher 2001): almost as good as the shortest queue, at the cost of
 * two looks. Choose it for a proxy balancing requests (not connections) over many replicas.
 */
export function leastRequest(options: LeastRequestOptions = {}): BalancingPolicy {
  const choices = options.choices ?? 2;
  if (!(Number.isInteger(choices) && choices >= 2)) {
    throw argumentError('choices', `expected an integer >= 2, got ${choices}`);
  }
  return {
    name: choices === 2 ? 'least-request' : `least-request-${choices}`,
    pick(endpoints, _key, rng) {
      const n = endpoints.length;
      let best = rng.integer(0, n);
      for (let c = 1; c < choices; c++) {
        const i = rng.integer(0, n);
        if (endpoints[i]!.active < endpoints[best]!.active) best = i;
      }
      return best;
    },
  };
}
