import type { TimeWeighted } from '@berth/kernel';
import type { SeriesPoint } from './ClusterMetrics.js';
import { MAX_SERIES_POINTS } from './sampleInterval.js';

/**
 * Series of interval means of time-weighted signals (hosts used, allocation, function instances): the
 * mean of each signal over `[from + (k − 1)·every, from + k·every)`, k = 1, 2, ... Filled lazily: the
 * owner calls {@link catchUp} before a signal changes (and before reading), so nothing is put on the
 * agenda — a periodic callback would keep a run without a horizon from ever ending — and, every signal
 * being constant between changes, the means are exact. When the series reach MAX_SERIES_POINTS,
 * neighbouring intervals are merged in pairs and the interval doubles, so memory stays flat.
 */
export class IntervalMeans {
  private readonly signals: readonly TimeWeighted[];
  private readonly from: number;
  /** Length of an interval, ms: doubles each time the series reach MAX_SERIES_POINTS. */
  private length = 0;
  /** Sampling instants passed so far. */
  private samples = 0;
  /** The next sampling instant: catchUp has nothing to do before it. */
  nextSampleAt = 0;
  private readonly values: number[][];
  /** Integral of each signal up to the last sampling instant. */
  private readonly integralAtSample: Float64Array;

  constructor(signals: readonly TimeWeighted[], from: number, every: number) {
    this.signals = signals;
    this.from = from;
    this.length = every;
    this.nextSampleAt = from + every;
    this.values = signals.map(() => []);
    this.integralAtSample = new Float64Array(signals.length);
  }

  /** Length of an interval, ms. */
  get every(): number {
    return this.length;
  }

  /**
   * Records every sampling instant up to `now` before the signals change at `now`. Each signal has
   * held its current value since its last change (at or before the instant), so its integral at the
   * instant is the integral now minus the current value times the time since.
   */
  catchUp(now: number): void {
    if (now < this.nextSampleAt) return;
    const signals = this.signals;
    let dt = this.length;
    while (this.nextSampleAt <= now) {
      const at = this.nextSampleAt;
      for (let i = 0; i < signals.length; i++) {
        const tw = signals[i]!;
        const integral = tw.integral() - tw.current * (now - at);
        this.values[i]!.push((integral - this.integralAtSample[i]!) / dt);
        this.integralAtSample[i] = integral;
      }
      this.samples += 1;
      if (this.samples === MAX_SERIES_POINTS) dt = this.halve();
      this.nextSampleAt = this.from + (this.samples + 1) * dt;
    }
  }

  /**
   * Merges neighbouring intervals in pairs and doubles the interval; returns the new length. Each
   * point is the mean over an interval of the same length, so the mean of a pair is the mean over
   * both, exactly. The last sampling instant stays where it was (an even count halves).
   */
  private halve(): number {
    for (const values of this.values) {
      const half = values.length >> 1;
      for (let k = 0; k < half; k++) values[k] = (values[2 * k]! + values[2 * k + 1]!) / 2;
      values.length = half;
    }
    this.samples >>= 1;
    this.length *= 2;
    return this.length;
  }

  /** Points of signal `i` divided by `scale`, plus the partial interval from the last instant to `now` (call catchUp(now) first). */
  series(i: number, scale: number, now: number): SeriesPoint[] {
    const values = this.values[i]!;
    const out: SeriesPoint[] = [];
    for (let k = 0; k < values.length; k++) {
      out.push({ at: this.from + (k + 1) * this.length, value: values[k]! / scale });
    }
    const last = this.from + this.samples * this.length;
    if (now > last) {
      const tw = this.signals[i]!;
      out.push({ at: now, value: (tw.integral() - this.integralAtSample[i]!) / (now - last) / scale });
    }
    return out;
  }
}
