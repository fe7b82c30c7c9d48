import { EdfSchedule } from '../EdfSchedule.js';
import { equalWeights, type LoadBalancingPolicy } from '../LoadBalancingPolicy.js';

/** What {@link weightedRoundRobin} keeps per service: the rotation, or the schedule when weights differ. */
export interface WeightedRoundRobinState {
  /** Next endpoint of the plain rotation (equal weights). */
  next: number;
  /** True when every endpoint has the same weight. */
  equal: boolean;
  readonly schedule: EdfSchedule;
  readonly weights: number[];
}

/**
 * Round robin in proportion to each endpoint's `weight`: Envoy's ROUND_ROBIN, which with unequal
 * weights runs an earliest-deadline-first schedule (an endpoint of weight w is due every 1/w, so picks
 * interleave: weights 3 and 1 give a a b a a a b …; source/common/upstream/edf_scheduler.h), and with
 * equal weights a plain rotation; IPVS's `wrr` gives the same proportions in bursts. Choose it when
 * replicas differ in capacity and requests cost the same.
 *
 * Weights: the data plane gives every endpoint weight 1, as kube-proxy gives every IPVS real server
 * and as Envoy's endpoints have unless the control plane sets `load_balancing_weight`; so in scenarios
 * it spreads exactly like round robin. Endpoints with other weights (a data plane of your own, or a
 * policy test) are served in proportion.
 */
export function weightedRoundRobin(): LoadBalancingPolicy<WeightedRoundRobinState> {
  return {
    name: 'weighted-round-robin',
    createState: () => ({ next: 0, equal: true, schedule: new EdfSchedule(), weights: [] }),
    endpointsChanged(endpoints, state) {
      state.equal = equalWeights(endpoints);
      if (state.equal) return;
      state.weights.length = 0;
      for (const e of endpoints) state.weights.push(e.weight);
      state.schedule.reset(state.weights);
    },
    pick(endpoints, _key, _rng, state) {
      if (state.equal) {
        const i = state.next % endpoints.length;
        state.next = i + 1;
        return i;
      }
      return state.schedule.pickAndAdd(endpoints[state.schedule.peek()]!.weight);
    },
  };
}
