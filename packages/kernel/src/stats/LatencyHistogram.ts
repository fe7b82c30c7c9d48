import type { Histogram } from 'hdr-histogram-js';
import { build } from 'hdr-histogram-js';
import { argumentError } from '../errors.js';

/** Options of a {@link LatencyHistogram}; every value is in the caller's unit (milliseconds, usually). */
export interface LatencyHistogramOptions {
  /** Significant decimal digits kept, an integer in 1..5 (default 3, i.e. within 0.1%). */
  readonly significantDigits?: number | undefined;
  /** Resolution: values are rounded to multiples of it before bucketing (default 0.001, 1 µs in ms). */
  readonly lowest?: number | undefined;
  /** Values up to this are counted without an allocation per value (default 60,000, one minute in ms). */
  readonly highest?: number | undefined;
}

/** Plain-data summary of a {@link LatencyHistogram}; every statistic is NaN when the histogram is empty. */
export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

type Digits = 1 | 2 | 3 | 4 | 5;

const EMPTY = new Float64Array(0);

/** Values past `highest` (scaled) wait in a list of at most this many before they reach the HDR histogram. */
const LARGE_BATCH = 256;

function isDigits(d: number): d is Digits {
  return Number.isInteger(d) && d >= 1 && d <= 5;
}

/**
 * Distribution of non-negative values such as request latencies, in bounded memory, backed by an HDR
 * histogram (the pure-JavaScript `hdr-histogram-js`, 64-bit float counts, so counts stay exact up
 * to 2^53).
 *
 * Precision: a percentile is within `v × 10^-significantDigits + lowest` of the exact nearest-rank
 * percentile `v` (the smallest recorded value with at least p% of the values at or below it). Errors
 * lean high, as HDR reports the top of a bucket; results are then clamped into the exact [min, max].
 * `count`, `mean()`, `min()` and `max()` are exact, kept beside the histogram.
 *
 * Range: the histogram resizes itself instead of clamping, so no value is ever lost or distorted.
 * Values up to `highest` are counted in an array of buckets that covers only the buckets seen so far
 * (widened, at least doubling, when a value falls outside: a few allocations in all, none per value);
 * larger values wait in a short list (up to 256) and reach the HDR histogram together, growing its
 * counts array (an allocation once per doubling of the largest value).
 * The hard ceiling is {@link highestTrackable} (`Number.MAX_SAFE_INTEGER × lowest`, about 285 years
 * in ms by default); a value above it throws. The HDR histogram itself is built when the histogram is
 * first read, merged or given a value past `highest`: its memory is 8 × 2^⌈log2(2 × 10^digits)⌉ / 2
 * bytes per doubling of the range (8 KiB at 3 digits), about 140 KiB with the defaults (1 µs to one
 * minute), so a simulation that keeps many histograms (one per function) and reads them only at the
 * end allocates that only at the end.
 */
export class LatencyHistogram {
  /** Significant decimal digits kept. */
  readonly significantDigits: number;
  /** Resolution in the caller's unit. */
  readonly lowest: number;
  /** Largest value `record` accepts. */
  readonly highestTrackable: number;
  /** Histogram units per caller unit: HDR counts integers, so values are scaled and rounded. */
  private readonly scale: number;
  /** The HDR histogram, built on first use (reading, merging, or a value past `highest`). */
  private hdrInstance: Histogram | null = null;
  /** HDR's highestTrackableValue for `highest`, for the lazy build. */
  private readonly hdrTop: number;
  /**
   * Counts recorded since the HDR histogram was last brought up to date, in HDR's own bucket layout,
   * and the buckets touched. hdr-histogram-js finds a value's bucket with log2, pow and floor on every
   * record; here two shifts and a count of leading zeros do it, and the counts reach the histogram (by
   * its public `recordValueWithCount`, with the bucket's lowest value, which falls in the same bucket)
   * only when it is read. Percentiles are the same as recording each value directly.
   */
  private pending: Float64Array = EMPTY;
  /** Bucket index of pending[0]: the array covers only the buckets touched so far, widened as needed. */
  private pendingBase = 0;
  /** Buckets below this (those of values up to `highest`) are counted in `pending`; the rest go straight to HDR. */
  private readonly pendingLimit: number;
  private readonly touched: number[] = [];
  /**
   * Scaled values past `highest`, not yet in the HDR histogram: `record` leaves them here (at most
   * LARGE_BATCH, then they are moved over together), so that the HDR histogram is built and called only
   * when read, merged, or after many large values, and recording stays a few arithmetic steps. HDR's
   * counts do not depend on the order values reach it.
   */
  private readonly large: number[] = [];
  /** HDR's subBucketHalfCountMagnitude and subBucketHalfCount for these digits (unit magnitude 0). */
  private readonly half: number;
  private readonly halfCount: number;
  private n = 0;
  private total = 0;
  private lo = Number.POSITIVE_INFINITY;
  private hi = Number.NEGATIVE_INFINITY;

  constructor(options?: LatencyHistogramOptions) {
    const digits = options?.significantDigits ?? 3;
    if (!isDigits(digits)) throw argumentError('significantDigits', `expected an integer in 1..5, got ${digits}`);
    const lowest = options?.lowest ?? 0.001;
    if (!(lowest > 0) || lowest === Number.POSITIVE_INFINITY) {
      throw argumentError('lowest', `expected a finite number > 0, got ${lowest}`);
    }
    const scale = 1 / lowest;
    const highest = options?.highest ?? 60_000;
    if (!(highest >= 2 * lowest) || !(highest * scale <= Number.MAX_SAFE_INTEGER)) {
      throw argumentError(
        'highest',
        `expected a number from 2 × lowest (${2 * lowest}) to ${Number.MAX_SAFE_INTEGER * lowest}, got ${highest}`,
      );
    }
    this.significantDigits = digits;
    this.lowest = lowest;
    this.highestTrackable = Number.MAX_SAFE_INTEGER / scale;
    this.scale = scale;
    this.hdrTop = Math.max(2, Math.ceil(highest * scale));
    // As hdr-histogram-js sizes its sub-buckets: unit resolution up to 2 × 10^digits.
    const subBucketCountMagnitude = Math.ceil(Math.log2(2 * 10 ** digits));
    this.half = Math.max(subBucketCountMagnitude, 1) - 1;
    this.halfCount = 2 ** this.half;
    const top = Math.min(Math.max(2, Math.ceil(highest * scale)), 2 ** 31 - 1);
    this.pendingLimit = this.indexOf(top) + 1;
  }

  /**
   * The HDR histogram, built when first needed: a histogram that is only recorded into until its
   * figures are read (a function's latencies during a run) allocates none of its counts meanwhile.
   */
  private get hdr(): Histogram {
    this.hdrInstance ??= build({
      bitBucketSize: 64,
      autoResize: true,
      lowestDiscernibleValue: 1,
      highestTrackableValue: this.hdrTop,
      numberOfSignificantValueDigits: this.significantDigits as Digits,
      useWebAssembly: false,
    });
    return this.hdrInstance;
  }

  /**
   * Widens `pending` to cover bucket `i` (below pendingLimit) besides those it covers, at least
   * doubling it; returns i's position in it. Values of one source cluster in a few hundred buckets, so
   * the array stays small where a full one would take hundreds of kilobytes.
   */
  private widen(i: number): number {
    const old = this.pending;
    const oldBase = this.pendingBase;
    const limit = this.pendingLimit;
    let base: number;
    let length: number;
    if (old.length === 0) {
      base = Math.max(0, i - 32);
      length = Math.min(64, limit - base);
    } else {
      const lo = Math.min(oldBase, i);
      const hi = Math.max(oldBase + old.length, i + 1);
      length = Math.max(hi - lo, 2 * old.length);
      base = i < oldBase ? Math.max(0, hi - length) : lo;
      length = Math.min(length, limit - base);
    }
    const widened = new Float64Array(length);
    if (old.length > 0) widened.set(old, oldBase - base);
    this.pending = widened;
    this.pendingBase = base;
    return i - base;
  }

  /** HDR's counts-array index of a non-negative integer below 2^31 (its computeCountsArrayIndex). */
  private indexOf(v: number): number {
    const bucket = Math.max(31 - Math.clz32(v) - this.half, 0);
    return ((bucket + 1) << this.half) + (v >>> bucket) - this.halfCount;
  }

  /** Moves the pending counts and large values into the HDR histogram. */
  private flush(): void {
    if (this.large.length > 0) this.flushLarge();
    const touched = this.touched;
    if (touched.length === 0) return;
    const pending = this.pending;
    const base = this.pendingBase;
    const half = this.half;
    const halfCount = this.halfCount;
    for (let k = 0; k < touched.length; k++) {
      const i = touched[k]!;
      // HDR's valueFromIndex: the lowest value of bucket i.
      let bucket = (i >> half) - 1;
      let sub = (i & (halfCount - 1)) + halfCount;
      if (bucket < 0) {
        sub -= halfCount;
        bucket = 0;
      }
      this.hdr.recordValueWithCount(sub * 2 ** bucket, pending[i - base]!);
      pending[i - base] = 0;
    }
    touched.length = 0;
  }

  /** Records the values waiting in `large` in the HDR histogram. */
  private flushLarge(): void {
    const large = this.large;
    const hdr = this.hdr;
    for (let k = 0; k < large.length; k++) hdr.recordValue(large[k]!);
    large.length = 0;
  }

  /** Records one value, a number from 0 to {@link highestTrackable}. Below `highest`, allocates only to widen its buckets. */
  record(value: number): void {
    this.check(value);
    const v = Math.round(value * this.scale);
    const i = v < 2147483648 ? this.indexOf(v) : this.pendingLimit;
    if (i < this.pendingLimit) {
      let k = i - this.pendingBase;
      if (k < 0 || k >= this.pending.length) k = this.widen(i);
      if (this.pending[k]! === 0) this.touched.push(i);
      this.pending[k]! += 1;
    } else if (this.large.push(v) === LARGE_BATCH) this.flushLarge();
    this.n += 1;
    this.total += value;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /** Records `count` (an integer >= 0) occurrences of `value`, as `count` calls of {@link record} would. */
  recordMany(value: number, count: number): void {
    this.check(value);
    if (!Number.isSafeInteger(count) || count < 0) {
      throw argumentError('count', `expected an integer >= 0, got ${count}`);
    }
    if (count === 0) return;
    this.hdr.recordValueWithCount(Math.round(value * this.scale), count);
    this.n += count;
    this.total += value * count;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /** Number of values recorded. */
  get count(): number {
    return this.n;
  }

  /** Exact arithmetic mean of the recorded values; NaN when empty. */
  mean(): number {
    return this.n === 0 ? Number.NaN : this.total / this.n;
  }

  /** Exact largest recorded value; NaN when empty. */
  max(): number {
    return this.n === 0 ? Number.NaN : this.hi;
  }

  /** Exact smallest recorded value; NaN when empty. */
  min(): number {
    return this.n === 0 ? Number.NaN : this.lo;
  }

  /**
   * The value below or at which `p` percent of the recorded values lie (nearest rank; `p` = 0 gives
   * the minimum, 100 the maximum), within the precision stated on the class; NaN when empty.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw argumentError('p', `expected a percentile in [0, 100], got ${p}`);
    if (this.n === 0) return Number.NaN;
    this.flush();
    const approx = this.hdr.getValueAtPercentile(p) / this.scale;
    return Math.min(Math.max(approx, this.lo), this.hi);
  }

  /** Count, mean, the 50th, 90th, 99th and 99.9th percentiles and the maximum. */
  summary(): LatencySummary {
    return {
      count: this.n,
      mean: this.mean(),
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: this.max(),
    };
  }

  /** Same as {@link summary}, so that `JSON.stringify` prints the summary rather than the buckets. */
  toJSON(): LatencySummary {
    return this.summary();
  }

  /**
   * Adds every value recorded in `other` to this histogram; `other` is unchanged. Both must have the
   * same `lowest` and `significantDigits`, so that their buckets mean the same values.
   */
  merge(other: LatencyHistogram): void {
    if (!(other instanceof LatencyHistogram)) throw argumentError('other', 'expected a LatencyHistogram');
    if (other.lowest !== this.lowest || other.significantDigits !== this.significantDigits) {
      throw argumentError(
        'other',
        `expected a histogram with lowest ${this.lowest} and significantDigits ${this.significantDigits}, ` +
          `got lowest ${other.lowest} and significantDigits ${other.significantDigits}`,
      );
    }
    if (other.n === 0) return;
    this.flush();
    other.flush();
    this.hdr.add(other.hdr);
    this.n += other.n;
    this.total += other.total;
    if (other.lo < this.lo) this.lo = other.lo;
    if (other.hi > this.hi) this.hi = other.hi;
  }

  /** Forgets every recorded value (keeps the allocated buckets), e.g. after a warm-up period. */
  reset(): void {
    for (const i of this.touched) this.pending[i - this.pendingBase] = 0;
    this.touched.length = 0;
    this.large.length = 0;
    this.hdrInstance?.reset();
    this.n = 0;
    this.total = 0;
    this.lo = Number.POSITIVE_INFINITY;
    this.hi = Number.NEGATIVE_INFINITY;
  }

  private check(value: number): void {
    if (!(value >= 0) || !(value * this.scale <= Number.MAX_SAFE_INTEGER)) {
      throw argumentError('value', `expected a number from 0 to ${this.highestTrackable}, got ${value}`);
    }
  }
}
