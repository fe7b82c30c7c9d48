import { studentTQuantile } from './studentTQuantile.js';

/** A sample mean with its confidence interval. */
export interface MeanInterval {
  /** Observations the figures come from. */
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1); null below two observations. */
  readonly sd: number | null;
  /** Half the interval's width (mean ± halfWidth); null below two observations. */
  readonly halfWidth: number | null;
}

/**
 * The mean of `values` and the half-width of its two-sided `level` confidence interval from Student's
 * t distribution, `t(1 − (1 − level)/2, n − 1) · s / √n`: the interval for runs with independent seeds.
 * NaN when `values` is empty.
 */
export function meanConfidenceInterval(values: readonly number[], level = 0.95): MeanInterval {
  const n = values.length;
  if (n === 0) return { n, mean: Number.NaN, sd: null, halfWidth: null };
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  if (n < 2) return { n, mean, sd: null, halfWidth: null };
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / (n - 1));
  const t = studentTQuantile(1 - (1 - level) / 2, n - 1);
  return { n, mean, sd, halfWidth: (t * sd) / Math.sqrt(n) };
}
