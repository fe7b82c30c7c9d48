import type { PlacementRequest } from '../PlacementRequest.js';

/**
 * How many feasible hosts a scored selector collects before scoring, and in which order it looks:
 * from where the previous attempt stopped (kube-scheduler's round-robin start) or in random order.
 */
export interface CandidateSampler {
  readonly name: string;
  /**
   * Number of feasible hosts to find among `hostCount` for `request`; the search stops once it has
   * that many.
   */
  count(hostCount: number, request?: PlacementRequest): number;
  readonly order: 'rotating' | 'random';
}

/** Every host is a candidate: a full scan. */
export function allHosts(): CandidateSampler {
  return { name: 'all', order: 'rotating', count: (n) => n };
}

/**
 * kube-scheduler's `percentageOfNodesToScore` (schedule_one.go `numFeasibleNodesToFind`): below 100
 * hosts all; otherwise `percentage` (0 = adaptive `max(50 - N/125, 5)`) of N, but at least 100.
 * 5,000 hosts → 500.
 */
export function percentageOfNodesToScore(percentage = 0): CandidateSampler {
  if (!(percentage >= 0 && percentage <= 100)) {
    throw new RangeError(`percentageOfNodesToScore: expected 0..100, got ${percentage}`);
  }
  return {
    name: percentage === 0 ? 'adaptive' : `percentage-${percentage}`,
    order: 'rotating',
    count(n: number): number {
      if (n < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) return n;
      let pct = percentage;
      if (pct === 0) {
        pct = 50 - Math.trunc(n / 125);
        if (pct < MIN_FEASIBLE_NODES_PERCENTAGE) pct = MIN_FEASIBLE_NODES_PERCENTAGE;
      }
      const found = Math.trunc((n * pct) / 100);
      return Math.max(found, MIN_FEASIBLE_NODES_TO_FIND);
    },
  };
}

const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE = 5;

/** A uniform random sample of k feasible hosts: the "power of k choices". */
export function randomSample(k: number): CandidateSampler {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`randomSample: expected an integer k >= 1, got ${k}`);
  return { name: `random-${k}`, order: 'random', count: (n) => Math.min(k, n) };
}

/**
 * Nomad's service-job candidate limit `max(2, ceil(log2 N))` over shuffled hosts (scheduler/stack.go
 * `SetNodes`), raised to `max(count, 100)` for a task group with affinity or spread blocks (`Select`:
 * "scoring spread across all nodes has quadratic behavior ... this value was empirically determined").
 */
export function nomadLimit(): CandidateSampler {
  return {
    name: 'nomad-log2',
    order: 'random',
    count: (n, request) => {
      if (request?.nomad !== undefined) return Math.min(n, Math.max(request.groupSize ?? 0, 100));
      return Math.min(n, Math.max(2, Math.ceil(Math.log2(Math.max(n, 1)))));
    },
  };
}
