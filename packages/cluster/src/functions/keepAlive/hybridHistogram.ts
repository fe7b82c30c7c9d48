import { argumentError } from '@berth/kernel';
import type { KeepAlivePolicy, KeepAliveWindows } from '../KeepAlivePolicy.js';

/**
 * Parameters of the hybrid histogram policy, with the values of "Serverless in the Wild" (Shahrad et
 * al., USENIX ATC 2020) as its public reimplementation in dslab (`hybrid_histogram.rs`,
 * `from_options_map`) and its reproduction of the paper's experiment use them.
 */
export interface HybridHistogramOptions {
  /** Idle times up to this are binned; longer ones are out of bounds (paper: 4 h). */
  readonly rangeMs?: number | undefined;
  /** Width of one histogram bin (paper: 1 min, so 240 bins over 4 h). */
  readonly binMs?: number | undefined;
  /** Percentile of idle times that sets the pre-warm window (paper: the 5th). */
  readonly head?: number | undefined;
  /** Percentile of idle times that sets the keep-alive window (paper: the 99th). */
  readonly tail?: number | undefined;
  /** The histogram is representative when the coefficient of variation of its bin counts is at least this (paper: 2). */
  readonly cvThreshold?: number | undefined;
  /** When at least this share of idle times is out of bounds, the time-series forecast decides (paper: 0.5). */
  readonly oobThreshold?: number | undefined;
  /** The pre-warm window is cut and the keep-alive window stretched by this share (paper: 10%). */
  readonly histogramMargin?: number | undefined;
  /** Half-width of the window around a forecast idle time, as a share of it (paper: 15%). */
  readonly forecastMargin?: number | undefined;
}

/** The paper's values (see {@link HybridHistogramOptions}). */
export const HYBRID_HISTOGRAM_DEFAULTS = {
  rangeMs: 4 * 3_600_000,
  binMs: 60_000,
  head: 0.05,
  tail: 0.99,
  cvThreshold: 2,
  oobThreshold: 0.5,
  histogramMargin: 0.1,
  forecastMargin: 0.15,
} as const;

/** What the policy knows of one function: its idle-time histogram and the running sums of its forecast. */
export interface HybridHistogramState {
  readonly bins: Float64Array;
  /** Idle times within the range, and beyond it. */
  inRange: number;
  outOfBounds: number;
  /** Σ (bin count)², for the coefficient of variation without a pass over the bins. */
  sumSquares: number;
  /** Head and tail bins as last computed, and whether the histogram changed since. */
  headBin: number;
  tailBin: number;
  stale: boolean;
  // Running sums of every idle time (in range or not), for the AR(1) forecast.
  n: number;
  sum: number;
  sumSq: number;
  sumLag: number;
  first: number;
  last: number;
}

/**
 * The hybrid histogram keep-alive policy of "Serverless in the Wild" (Shahrad et al., ATC 2020). Per
 * function it records each idle time — from the end of one invocation to the arrival of the next — in
 * a histogram of 1-minute bins over 4 hours, and:
 *
 * - while the histogram is **representative** (the coefficient of variation of its bin counts is at
 *   least 2: idle times bunch in a few bins), it unloads an idle instance at once and loads it again
 *   at the 5th percentile of idle times less 10% (pre-warm), then keeps it for the 99th percentile's
 *   bin end plus 10% (keep-alive) — dslab's reading of the paper's windows;
 * - while it is **not representative**, it falls back to a fixed keep-alive as long as the range,
 *   without pre-warming. With 240 bins that is rare: a single idle time gives a CV of √239 ≈ 15.5, and
 *   counts spread evenly over m bins one of √(240/m − 1), below 2 only beyond 48 bins; so in practice
 *   the fallback covers a function's first idle period (no idle time yet) and idle times spread over
 *   much of the range;
 * - when half or more of the idle times are **beyond the range**, it forecasts the next idle time p
 *   from the series of idle times and loads the function in a window around it: pre-warm 0.85p,
 *   keep-alive 0.30p. The paper fits an ARIMA model chosen automatically (dslab's `autofit`); Berth
 *   fits an ARIMA(1,0,0), i.e. AR(1) around the mean by least squares, from running sums — O(1) per
 *   idle time instead of a refit of the whole series.
 *
 * A function's first invocation has no idle time; until it has one, the policy keeps instances for
 * the range (the not-representative fallback).
 */
export function hybridHistogram(options: HybridHistogramOptions = {}): KeepAlivePolicy<HybridHistogramState> {
  const o: HybridParameters = { ...HYBRID_HISTOGRAM_DEFAULTS };
  for (const key of Object.keys(o) as Array<keyof typeof o>) {
    const value = options[key];
    if (value !== undefined) o[key] = value;
  }
  const positive = (name: keyof typeof o) => {
    if (!(o[name] > 0 && o[name] < Number.POSITIVE_INFINITY))
      throw argumentError(name, `expected a positive finite number, got ${o[name]}`);
  };
  const share = (name: keyof typeof o) => {
    if (!(o[name] >= 0 && o[name] <= 1)) throw argumentError(name, `expected a number in 0..1, got ${o[name]}`);
  };
  positive('rangeMs');
  positive('binMs');
  positive('cvThreshold');
  for (const name of ['head', 'tail', 'oobThreshold', 'histogramMargin', 'forecastMargin'] as const) share(name);
  if (o.binMs > o.rangeMs) throw argumentError('binMs', `expected at most rangeMs (${o.rangeMs}), got ${o.binMs}`);
  if (o.head > o.tail) throw argumentError('head', `expected at most tail (${o.tail}), got ${o.head}`);
  return new HybridHistogram(o);
}

/** The paper's parameters, checked. */
type HybridParameters = Record<keyof typeof HYBRID_HISTOGRAM_DEFAULTS, number>;

/**
 * The policy as a class: its methods are the same functions in every simulation, so the controller's
 * optimised code, which calls them on every invocation, does not depend on one simulation's closures.
 */
class HybridHistogram implements KeepAlivePolicy<HybridHistogramState> {
  readonly name = 'hybrid';
  private readonly nBins: number;
  private readonly rangeMs: number;
  private readonly binMs: number;

  constructor(private readonly o: HybridParameters) {
    this.nBins = Math.max(1, Math.round(o.rangeMs / o.binMs));
    this.rangeMs = o.rangeMs;
    this.binMs = o.binMs;
  }

  createState(): HybridHistogramState {
    return {
      bins: new Float64Array(this.nBins),
      inRange: 0,
      outOfBounds: 0,
      sumSquares: 0,
      headBin: 0,
      tailBin: this.nBins - 1,
      stale: false,
      n: 0,
      sum: 0,
      sumSq: 0,
      sumLag: 0,
      first: 0,
      last: 0,
    };
  }

  observe(s: HybridHistogramState, idleMs: number): void {
    const x = Math.max(idleMs, 0);
    if (s.n === 0) s.first = x;
    else s.sumLag += s.last * x;
    s.n += 1;
    s.sum += x;
    s.sumSq += x * x;
    s.last = x;
    if (x >= this.rangeMs) {
      s.outOfBounds += 1;
      return;
    }
    const bin = Math.min(this.nBins - 1, Math.floor(x / this.binMs));
    const count = s.bins[bin]!;
    s.bins[bin] = count + 1;
    s.sumSquares += 2 * count + 1;
    s.inRange += 1;
    s.stale = true;
  }

  windows(s: HybridHistogramState, out: KeepAliveWindows): void {
    const o = this.o;
    const nBins = this.nBins;
    const binMs = this.binMs;
    const total = s.inRange + s.outOfBounds;
    if (total > 0 && s.outOfBounds / total >= o.oobThreshold) {
      const p = forecast(s);
      out.prewarmMs = p * (1 - o.forecastMargin);
      out.keepAliveMs = p * o.forecastMargin * 2;
      return;
    }
    if (s.inRange > 0) {
      const mean = s.inRange / nBins;
      const variance = Math.max(0, s.sumSquares / nBins - mean * mean);
      if (Math.sqrt(variance) / mean >= o.cvThreshold) {
        if (s.stale) this.percentiles(s);
        out.prewarmMs = s.headBin * binMs * (1 - o.histogramMargin);
        out.keepAliveMs = (s.tailBin + 1) * binMs * (1 + o.histogramMargin);
        return;
      }
    }
    out.prewarmMs = 0;
    out.keepAliveMs = this.rangeMs;
  }

  /** The head and tail bins of the idle-time histogram (the paper's percentiles). */
  private percentiles(s: HybridHistogramState): void {
    const o = this.o;
    const nBins = this.nBins;
    const headCount = o.head * s.inRange;
    const tailCount = o.tail * s.inRange;
    let cumulative = 0;
    let head = -1;
    let tail = nBins - 1;
    for (let i = 0; i < nBins; i++) {
      cumulative += s.bins[i]!;
      if (head < 0 && cumulative >= headCount && cumulative > 0) head = i;
      if (cumulative >= tailCount && cumulative > 0) {
        tail = i;
        break;
      }
    }
    s.headBin = Math.max(head, 0);
    s.tailBin = tail;
    s.stale = false;
  }
}

/** The next idle time by an AR(1) model around the mean, fitted by least squares; ≥ 0. */
function forecast(s: HybridHistogramState): number {
  if (s.n === 1) return s.last;
  const mean = s.sum / s.n;
  const variance = s.sumSq - s.n * mean * mean;
  // Σ_{t<n} (x_t − μ)(x_{t+1} − μ), expanded over the running sums.
  const lagged = s.sumLag - mean * (s.sum - s.last) - mean * (s.sum - s.first) + (s.n - 1) * mean * mean;
  const phi = variance > 0 ? Math.max(-1, Math.min(1, lagged / variance)) : 0;
  return Math.max(0, mean + phi * (s.last - mean));
}
