import { argumentError } from '../errors.js';

/** Plain-data summary of an {@link OnlineStats}; statistics that are undefined for the count are NaN. */
export interface OnlineStatsJSON {
  readonly count: number;
  readonly mean: number;
  readonly stddev: number;
  readonly min: number;
  readonly max: number;
}

/**
 * Count, mean, variance, min and max of a stream of numbers in O(1) memory, by Welford's update
 * (numerically stable, unlike summing squares). Two accumulators combine exactly with {@link merge}
 * (Chan, Golub and LeVeque's pairwise formula), so per-replication statistics can be pooled.
 *
 * Undefined statistics are NaN rather than 0, so that an empty sample never looks like a measured one:
 * `mean`, `min` and `max` with no observations, `variance` and `stddev` with fewer than two.
 */
export class OnlineStats {
  private n = 0;
  private mu = 0;
  /** Sum of squared deviations from the current mean (Welford's M2). */
  private m2 = 0;
  private total = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  /** Adds one observation, a finite number. Allocates nothing. */
  add(x: number): void {
    if (!Number.isFinite(x)) throw argumentError('x', `expected a finite number, got ${x}`);
    this.n += 1;
    const delta = x - this.mu;
    this.mu += delta / this.n;
    this.m2 += delta * (x - this.mu);
    this.total += x;
    if (x < this.lo) this.lo = x;
    if (x > this.hi) this.hi = x;
  }

  /** Number of observations. */
  get count(): number {
    return this.n;
  }

  /** Arithmetic mean; NaN when empty. */
  get mean(): number {
    return this.n === 0 ? Number.NaN : this.mu;
  }

  /**
   * Sample variance, dividing by n - 1 (Bessel's correction, as R's `var` and pandas' `std` do): the
   * unbiased estimate of the variance of the population the observations were drawn from. NaN below
   * two observations. See {@link populationVariance} for the variance of the observations themselves.
   */
  get variance(): number {
    return this.n < 2 ? Number.NaN : this.m2 / (this.n - 1);
  }

  /** Variance dividing by n (numpy's default); NaN when empty. */
  get populationVariance(): number {
    return this.n === 0 ? Number.NaN : this.m2 / this.n;
  }

  /** Square root of the sample {@link variance}; NaN below two observations. */
  get stddev(): number {
    return Math.sqrt(this.variance);
  }

  /** Smallest observation; NaN when empty. */
  get min(): number {
    return this.n === 0 ? Number.NaN : this.lo;
  }

  /** Largest observation; NaN when empty. */
  get max(): number {
    return this.n === 0 ? Number.NaN : this.hi;
  }

  /** Sum of the observations; 0 when empty. */
  get sum(): number {
    return this.total;
  }

  /** Adds every observation of `other` to this one, as if they had been added here; `other` is unchanged. */
  merge(other: OnlineStats): void {
    if (!(other instanceof OnlineStats)) throw argumentError('other', 'expected an OnlineStats');
    const nb = other.n;
    if (nb === 0) return;
    const na = this.n;
    const n = na + nb;
    const delta = other.mu - this.mu;
    this.mu += (delta * nb) / n;
    this.m2 += other.m2 + (delta * delta * na * nb) / n;
    this.n = n;
    this.total += other.total;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  /** Forgets every observation. */
  reset(): void {
    this.n = 0;
    this.mu = 0;
    this.m2 = 0;
    this.total = 0;
    this.lo = Number.POSITIVE_INFINITY;
    this.hi = Number.NEGATIVE_INFINITY;
  }

  /** Count, mean, sample standard deviation, min and max (NaN where undefined; JSON prints NaN as null). */
  toJSON(): OnlineStatsJSON {
    return { count: this.n, mean: this.mean, stddev: this.stddev, min: this.min, max: this.max };
  }
}
