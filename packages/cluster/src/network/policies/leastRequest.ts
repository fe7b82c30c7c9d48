import { argumentError } from '@berth/kernel';
import { EdfSchedule } from '../EdfSchedule.js';
import { equalWeights, type LoadBalancingPolicy } from '../LoadBalancingPolicy.js';

/** Options of {@link leastRequest}, Envoy's `LeastRequest` fields. */
export interface LeastRequestOptions {
  /** Endpoints sampled per pick (Envoy's `choice_count`, default 2, at least 2). */
  readonly choices?: number | undefined;
  /**
   * Envoy's `active_request_bias` (default 1, at least 0): with unequal weights an endpoint's weight
   * is `weight / (active + 1)^bias`; 0 makes it weighted round robin. No effect when weights are equal.
   */
  readonly bias?: number | undefined;
}

/** What {@link leastRequest} keeps per service: whether weights are equal, and the schedule when not. */
export interface LeastRequestState {
  equal: boolean;
  readonly schedule: EdfSchedule;
  readonly weights: number[];
}

/** The largest `choices` accepted: more looks than this is a full scan by another name. */
export const MAX_CHOICES = 1000;

/**
 * Envoy's LEAST_REQUEST (envoyproxy/envoy, `least_request_lb.cc` and `least_request.proto`):
 * - equal weights (its default, and every endpoint in a scenario): sample `choices` endpoints at random
 *   (with replacement, as its N_CHOICES does) and take the one with the fewest active requests, the
 *   first sampled on a tie. The power of two choices (Mitzenmacher 2001): almost as good as the
 *   shortest queue at the cost of two looks;
 * - unequal weights: an earliest-deadline-first schedule in which an endpoint's weight is
 *   `weight / (active + 1)^bias`, computed when it is picked and added back (so with its active
 *   requests at that moment; the others keep theirs until their turn) and for all when the endpoint
 *   list changes.
 * Choose it for a proxy balancing requests (not connections) over many replicas.
 */
export function leastRequest(options: LeastRequestOptions = {}): LoadBalancingPolicy<LeastRequestState> {
  const choices = options.choices ?? 2;
  if (!(Number.isInteger(choices) && choices >= 2 && choices <= MAX_CHOICES)) {
    throw argumentError('choices', `expected an integer from 2 to ${MAX_CHOICES}, got ${choices}`);
  }
  const bias = options.bias ?? 1;
  if (!(bias >= 0 && bias < Number.POSITIVE_INFINITY)) {
    throw argumentError('bias', `expected a finite number >= 0, got ${bias}`);
  }
  const weightOf = (weight: number, active: number): number =>
    bias === 1 ? weight / (active + 1) : bias === 0 ? weight : weight / (active + 1) ** bias;
  return {
    name: 'least-request',
    createState: () => ({ equal: true, schedule: new EdfSchedule(), weights: [] }),
    endpointsChanged(endpoints, state) {
      state.equal = equalWeights(endpoints);
      if (state.equal) return;
      state.weights.length = 0;
      for (const e of endpoints) state.weights.push(weightOf(e.weight, e.active));
      state.schedule.reset(state.weights);
    },
    pick(endpoints, _key, rng, state) {
      if (!state.equal) {
        const e = endpoints[state.schedule.peek()]!;
        return state.schedule.pickAndAdd(weightOf(e.weight, e.active));
      }
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
