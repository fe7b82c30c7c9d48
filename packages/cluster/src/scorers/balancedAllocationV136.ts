import type { Scorer } from '../scheduler/Scorer.js';
import { balanceScore } from './balanceScore.js';
import {
  DEFAULT_RESOURCES,
  kubeAmount,
  type ResolvedResources,
  type ResourceWeight,
  resolveResources,
  skipsUnrequested,
} from './resourceSpec.js';

/** BalancedAllocationV136's state: resources resolved on first use, and scratch for one host's fractions. */
interface BalancedAllocationV136State {
  resolved: ResolvedResources | null;
  fractions: Float64Array;
}

/**
 * kube-scheduler's NodeResourcesBalancedAllocation from v1.36 (kubernetes/kubernetes PR #135573, merged
 * January 2026): scores the *change* in a host's balance instead of the balance after placement.
 * With `B(req) = int((1 − std(min(req_r/cap_r, 1))) × 100)` (the v1.22–v1.35 score: population std,
 * `|f1 − f2| / 2` for two resources, resources the host lacks skipped, and extended resources the
 * container does not request skipped in both terms), the score is
 * `50 + (50 + B(allocated + request) − B(allocated)) / 2` in integer arithmetic. B is always in
 * 50..100, so the score is in 50..100: 75 when the balance does not change, 100 when a perfectly
 * unbalanced host becomes perfectly balanced, 50 for the reverse. Actual requests (not the 100m/200Mi
 * defaults). Containers requesting none of the listed resources are not scored (kube's
 * `isBestEffortPod` over the configured resources, issue #129138).
 */
export function balancedAllocationV136(
  resources: readonly ResourceWeight[] = DEFAULT_RESOURCES,
): Scorer<BalancedAllocationV136State> {
  return {
    name: 'BalancedAllocationV136',
    createState: () => ({ resolved: null, fractions: new Float64Array(resources.length) }),
    prepare: (request, cluster, _candidates, state) => {
      if (state.resolved === null) {
        state.resolved = resolveResources('BalancedAllocationV136', resources, cluster.resources);
        state.fractions = new Float64Array(state.resolved.indexes.length);
      }
      // kube's isBestEffortPod: every configured resource's request is zero (limits play no part).
      const { indexes } = state.resolved;
      for (let i = 0; i < indexes.length; i++) if (request.requests[indexes[i]!]! > 0) return true;
      return false;
    },
    score: (request, host, _cluster, state) => {
      const withPod = balance(state, host.allocated, request.requests, request.requests, host.capacity);
      const withoutPod = balance(state, host.allocated, null, request.requests, host.capacity);
      // Go's integer division truncates; 50 + withPod − withoutPod is never negative.
      return 50 + Math.trunc((50 + withPod - withoutPod) / 2);
    },
  };
}

/**
 * B(allocated + request), or B(allocated) when `request` is null; extended resources `asked` does not
 * request are left out of both.
 */
function balance(
  state: BalancedAllocationV136State,
  allocated: Float64Array,
  request: Float64Array | null,
  asked: Float64Array,
  capacity: Float64Array,
): number {
  const { indexes } = state.resolved!;
  const fractions = state.fractions;
  let n = 0;
  let total = 0;
  for (let i = 0; i < indexes.length; i++) {
    const r = indexes[i]!;
    if (asked[r] === 0 && skipsUnrequested(r)) continue;
    const cap = kubeAmount(r, capacity[r]!);
    if (cap === 0) continue;
    const amount = kubeAmount(r, allocated[r]!) + (request === null ? 0 : kubeAmount(r, request[r]!));
    const f = Math.min(amount / cap, 1);
    fractions[n++] = f;
    total += f;
  }
  return balanceScore(fractions, n, total);
}
