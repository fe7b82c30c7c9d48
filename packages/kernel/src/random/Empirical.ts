import type { Distribution } from './distributions.js';
import { invalidParameter } from './invalidParameter.js';
import type { RandomStream } from './RandomStream.js';

/**
 * Samples a piecewise-linear inverse CDF: knots at cumulative probabilities `ps` (strictly
 * increasing, from 0 to 1) with `values` (non-decreasing). One uniform per draw, binary search, no allocation.
 */
function piecewiseLinear(ps: Float64Array, values: Float64Array): Distribution {
  const last = ps.length - 1;
  let mean = 0;
  for (let i = 0; i < last; i++) mean += ((ps[i + 1]! - ps[i]!) * (values[i]! + values[i + 1]!)) / 2;
  const sample = (stream: RandomStream): number => {
    const u = stream.next();
    // Largest i with ps[i] <= u; ps[0] = 0 <= u < 1 = ps[last], so 0 <= i < last.
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (ps[mid]! <= u) lo = mid;
      else hi = mid;
    }
    const p0 = ps[lo]!;
    const v0 = values[lo]!;
    return v0 + ((u - p0) / (ps[lo + 1]! - p0)) * (values[lo + 1]! - v0);
  };
  return Object.freeze({ name: 'empirical', mean, sample });
}

/**
 * An empirical distribution from observed samples (at least one, all finite), by linear
 * interpolation between order statistics: with the n sorted samples placed at cumulative
 * probabilities 0, 1/(n-1), ..., 1, a uniform U maps to the point U of that polyline. Draws are
 * continuous and stay within [min, max]; every sample is an attainable value. Its mean is that of the
 * polyline, which differs from the sample mean by the half-weights given to the two extremes:
 * (sum - (min + max)/2) / (n - 1). A single sample gives a constant.
 */
export function empiricalFromSamples(samples: ReadonlyArray<number>): Distribution {
  if (samples.length === 0) throw invalidParameter('samples', 'at least one sample', samples);
  const sorted = new Float64Array(samples.length);
  samples.forEach((x, i) => {
    if (!Number.isFinite(x)) throw invalidParameter(`samples[${i}]`, 'a finite number', x);
    sorted[i] = x;
  });
  sorted.sort();
  if (sorted.length === 1) {
    const only = sorted[0]!;
    return Object.freeze({ name: 'empirical', mean: only, sample: () => only });
  }
  const ps = new Float64Array(sorted.length);
  const last = sorted.length - 1;
  for (let i = 0; i <= last; i++) ps[i] = i / last;
  return piecewiseLinear(ps, sorted);
}

/**
 * An empirical distribution from percentile points `{ p, value }` (p a cumulative probability in
 * [0, 1]), such as a trace's published p0/p1/p25/p50/p75/p99/p100: a piecewise-linear inverse CDF
 * through the points. The points must start at p = 0 and end at p = 1 (no tail is extrapolated: give
 * the minimum and maximum, or a cap, yourself), with p strictly increasing and values non-decreasing.
 * Two points with equal values make an atom of the probability between them.
 */
export function empiricalFromPercentiles(points: ReadonlyArray<{ p: number; value: number }>): Distribution {
  if (points.length < 2) throw invalidParameter('points', 'at least two points, at p = 0 and p = 1', points);
  const ps = new Float64Array(points.length);
  const values = new Float64Array(points.length);
  points.forEach((point, i) => {
    const { p, value } = point;
    if (!(p >= 0 && p <= 1)) throw invalidParameter(`points[${i}].p`, 'a cumulative probability in [0, 1]', p);
    if (!Number.isFinite(value)) throw invalidParameter(`points[${i}].value`, 'a finite number', value);
    if (i > 0) {
      if (!(p > ps[i - 1]!)) throw invalidParameter(`points[${i}].p`, `a probability above points[${i - 1}].p`, p);
      if (!(value >= values[i - 1]!)) {
        throw invalidParameter(`points[${i}].value`, `a value >= points[${i - 1}].value (${values[i - 1]})`, value);
      }
    }
    ps[i] = p;
    values[i] = value;
  });
  if (ps[0] !== 0) throw invalidParameter('points[0].p', '0 (add the minimum as { p: 0, value })', ps[0]);
  const last = points.length - 1;
  if (ps[last] !== 1) throw invalidParameter(`points[${last}].p`, '1 (add the maximum as { p: 1, value })', ps[last]);
  return piecewiseLinear(ps, values);
}
