import type { Scorer } from '../scheduler/Scorer.js';
import { createFitRequests, type FitRequests, prepareFitRequests } from './fitRequests.js';
import { DEFAULT_RESOURCES, kubeAmount, type ResourceWeight } from './resourceSpec.js';

/** A point of RequestedToCapacityRatio's shape: utilisation 0..100 (%) and its score 0..10, as kube-scheduler's `UtilizationShapePoint`. */
export interface UtilizationShapePoint {
  readonly utilization: number;
  readonly score: number;
}

/** kube-scheduler's `MaxCustomPriorityScore`: shape scores run 0..10 and are multiplied by 100 / 10. */
const SHAPE_SCORE_SCALE = 10;

/**
 * Checks a shape as kube-scheduler's `validateFunctionShape` does (apis/config/validation): at least
 * one point, utilisations strictly increasing integers in 0..100, scores integers in 0..10. Throws a
 * RangeError naming the point; scenarios get the same rules from their schema.
 */
export function validateShape(scorer: string, shape: readonly UtilizationShapePoint[]): void {
  if (shape.length === 0) throw new RangeError(`${scorer}: the shape needs at least one point`);
  shape.forEach((p, i) => {
    if (!(Number.isInteger(p.utilization) && p.utilization >= 0 && p.utilization <= 100))
      throw new RangeError(`${scorer}: shape[${i}].utilization must be an integer from 0 to 100, got ${p.utilization}`);
    if (!(Number.isInteger(p.score) && p.score >= 0 && p.score <= SHAPE_SCORE_SCALE))
      throw new RangeError(`${scorer}: shape[${i}].score must be an integer from 0 to 10, got ${p.score}`);
    if (i > 0 && shape[i - 1]!.utilization >= p.utilization)
      throw new RangeError(
        `${scorer}: shape[${i}].utilization (${p.utilization}) must be greater than shape[${i - 1}]'s (${shape[i - 1]!.utilization}); utilisations increase`,
      );
  });
}

/**
 * kube-scheduler's broken linear function (framework/plugins/helper/shape_score.go): the first point's
 * score at or below the first utilisation, the last point's above the last, and in between the
 * straight line through the neighbouring points in Go's integer arithmetic (division truncates
 * towards zero). `utilizations` and `scores` are the points, scores already scaled to 0..100.
 */
export function brokenLinear(utilizations: Int32Array, scores: Int32Array, p: number): number {
  for (let i = 0; i < utilizations.length; i++) {
    if (p <= utilizations[i]!) {
      if (i === 0) return scores[0]!;
      const x0 = utilizations[i - 1]!;
      const y0 = scores[i - 1]!;
      return y0 + Math.trunc(((scores[i]! - y0) * (p - x0)) / (utilizations[i]! - x0));
    }
  }
  return scores[scores.length - 1]!;
}

/**
 * kube-scheduler's NodeResourcesFit with the RequestedToCapacityRatio strategy
 * (requested_to_capacity_ratio.go): per resource the utilisation after placement,
 * `req × 100 / cap` in integer arithmetic (100 when req > cap), is mapped through the broken linear
 * `shape` (scores 0..10 scaled to 0..100); resources scoring 0 drop out, and the score is the weighted
 * mean of the others rounded to the nearest integer (`math.Round`). As LeastAllocated: the host's and
 * the container's non-zero requests (100m / 200 MiB when none is stated), resources the host lacks
 * skipped, extended resources the container does not request skipped. A rising shape bin-packs
 * (`[{0, 0}, {100, 10}]` is MostAllocated with rounding), a falling one spreads.
 */
export function requestedToCapacityRatio(
  shape: readonly UtilizationShapePoint[],
  resources: readonly ResourceWeight[] = DEFAULT_RESOURCES,
): Scorer<FitRequests> {
  const name = 'RequestedToCapacityRatio';
  validateShape(name, shape);
  const utilizations = Int32Array.from(shape, (p) => p.utilization);
  const scores = Int32Array.from(shape, (p) => p.score * (100 / SHAPE_SCORE_SCALE));
  return {
    name,
    hostLocal: true,
    createState: createFitRequests,
    prepare: (request, cluster, _candidates, state) => {
      prepareFitRequests(name, resources, request, cluster.resources, state);
      return true;
    },
    score: (_request, host, _cluster, state) => {
      const { indexes, weights, requested } = state;
      let score = 0;
      let weightSum = 0;
      for (let i = 0; i < indexes.length; i++) {
        if (requested[i]! < 0) continue;
        const r = indexes[i]!;
        const capacity = kubeAmount(r, host.capacity[r]!);
        if (capacity === 0) continue;
        const req = kubeAmount(r, host.nonZeroAllocated[r]!) + requested[i]!;
        const utilization = req > capacity ? 100 : Math.floor((req * 100) / capacity);
        const s = brokenLinear(utilizations, scores, utilization);
        if (s > 0) {
          score += s * weights[i]!;
          weightSum += weights[i]!;
        }
      }
      // Go's math.Round rounds halves away from zero; the mean is never negative.
      return weightSum === 0 ? 0 : Math.floor(score / weightSum + 0.5);
    },
  };
}
