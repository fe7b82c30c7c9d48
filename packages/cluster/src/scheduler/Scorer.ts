import type { HostView } from '../hosts/Host.js';
import type { ClusterView } from './ClusterView.js';
import type { PlacementRequest } from './PlacementRequest.js';

/** The highest score a scorer gives after normalisation (kube-scheduler's MaxNodeScore). */
export const MAX_SCORE = 100;

/**
 * Rates how good a feasible host is for a container: kube-scheduler's Score (and NormalizeScore)
 * extension points. Scores are in 0..MAX_SCORE once normalised, higher is better; kube-scheduler's
 * plugins give integers, ports of other systems may keep fractions (Nomad's scores are fractions of 18).
 *
 * A scorer object holds only its configuration, so one instance may serve any number of simulations.
 * What it works out while placing a container lives in a state object of type `S` that the scorer
 * creates ({@link Scorer.createState}) and the selector using it keeps, one per simulation, and hands
 * back as the last argument of every call, as kube-scheduler hands its plugins a CycleState:
 * `prepare` writes this attempt's part of it, `score`, `normalize` and `uniform` read it. A scorer
 * without `createState` receives `undefined`. `Scorer` alone means a scorer of any state; a
 * `Scorer<S>` fits wherever one is expected.
 */
export interface Scorer<S = unknown> {
  readonly name: string;
  /**
   * Creates the scorer's state, once per selector that uses the scorer (so once per simulation),
   * before its first attempt. The same object comes back in every later call, so that an attempt
   * allocates nothing: overwrite its fields in `prepare` rather than building a new one. It may also
   * keep what stays true for the whole run (resources resolved against the simulation's catalog).
   * Absent for scorers that keep nothing between calls.
   */
  createState?(): S;
  /**
   * PreScore: returns false when the scorer does not apply to this container (it then adds nothing).
   * `candidates` are the feasible hosts about to be scored, as kube-scheduler's PreScore receives them,
   * or undefined when the selector does not collect them first.
   */
  prepare?(
    request: PlacementRequest,
    cluster: ClusterView,
    candidates: readonly HostView[] | undefined,
    state: S,
  ): boolean;
  /** The raw score of one host. */
  score(request: PlacementRequest, host: HostView, cluster: ClusterView, state: S): number;
  /** Rewrites `scores[0..count)` in place into 0..MAX_SCORE; absent when raw scores already are. */
  normalize?(scores: Float64Array, count: number, state: S): void;
  /**
   * True when the raw score depends only on the container's resource requests and the host's capacity
   * and allocation (kube's NodeResourcesFit, BalancedAllocation): the selector then reuses a host's raw
   * score while neither has changed. An optimisation only: decisions and explain records are unchanged.
   */
  readonly hostLocal?: boolean;
  /**
   * Called after `prepare`: when every host would get the same raw score (e.g. no host has the taints
   * this scorer counts), returns it, and the selector normalises it once instead of scoring each host.
   * Returns null when hosts may differ. An optimisation only: decisions and explain records are unchanged.
   */
  uniform?(request: PlacementRequest, cluster: ClusterView, state: S): number | null;
}

/** A scorer with its weight in the sum. */
export interface WeightedScorer {
  readonly scorer: Scorer;
  readonly weight: number;
}

/**
 * kube-scheduler's DefaultNormalizeScore: scales scores so that the highest becomes MAX_SCORE (integer
 * division); with `reverse`, subtracts from MAX_SCORE. All-zero scores stay 0, or become MAX_SCORE
 * when reversed.
 */
export function defaultNormalize(scores: Float64Array, count: number, reverse: boolean): void {
  let max = 0;
  for (let i = 0; i < count; i++) if (scores[i]! > max) max = scores[i]!;
  if (max === 0) {
    if (reverse) for (let i = 0; i < count; i++) scores[i] = MAX_SCORE;
    return;
  }
  for (let i = 0; i < count; i++) {
    const s = Math.trunc((MAX_SCORE * scores[i]!) / max);
    scores[i] = reverse ? MAX_SCORE - s : s;
  }
}
