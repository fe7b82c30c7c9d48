import { argumentError } from '@berth/kernel';

/**
 * Knative Serving's pod autoscaler (KPA) settings, with the defaults of `config-autoscaler`
 * (knative/serving pkg/autoscaler/config/config.go, `defaultConfig()`).
 */
export interface KnativeSettings {
  /** Averaging window of the stable mode, ms (`stable-window`, 60 s). */
  readonly stableWindowMs: number;
  /** Averaging window of the panic mode, as a share of the stable one (`panic-window-percentage`, 10% → 6 s). */
  readonly panicWindowShare: number;
  /** Panic when the panic window's demand reaches this multiple of the ready pods (`panic-threshold-percentage`, 200%). */
  readonly panicThreshold: number;
  /** Target in-flight requests per pod as a share of its concurrency (`container-concurrency-target-percentage`, 70%). */
  readonly targetShare: number;
  /** Target concurrency per pod when containerConcurrency is 0, unlimited (`container-concurrency-target-default`, 100). */
  readonly defaultTarget: number;
  /** Time between decisions, ms (`tick-interval`, 2 s). */
  readonly tickMs: number;
  /** The last pod goes only after the revision has wanted none for this long, ms (`scale-to-zero-grace-period`, 30 s). */
  readonly scaleToZeroGraceMs: number;
  /** At most this multiple of the ready pods per decision (`max-scale-up-rate`, 1000). */
  readonly maxScaleUpRate: number;
  /** At least the ready pods divided by this remain after a decision (`max-scale-down-rate`, 2). */
  readonly maxScaleDownRate: number;
}

/** Knative's defaults (see {@link KnativeSettings}). */
export const KNATIVE_DEFAULTS: KnativeSettings = {
  stableWindowMs: 60_000,
  panicWindowShare: 0.1,
  panicThreshold: 2,
  targetShare: 0.7,
  defaultTarget: 100,
  tickMs: 2000,
  scaleToZeroGraceMs: 30_000,
  maxScaleUpRate: 1000,
  maxScaleDownRate: 2,
};

/** The KPA's memory between ticks: whether it panics, since when, and the most pods it asked for while panicking. */
export interface KnativeDecider {
  panicking: boolean;
  /** The last tick at which demand was over the panic threshold. */
  panicTime: number;
  maxPanicPods: number;
}

/** A fresh decider state: not panicking. */
export function createKnativeDecider(): KnativeDecider {
  return { panicking: false, panicTime: 0, maxPanicPods: 0 };
}

/** Checks settings: every figure in its valid range (Knative rejects the same values). */
export function checkKnativeSettings(s: KnativeSettings): KnativeSettings {
  const positive = (name: keyof KnativeSettings) => {
    if (!(s[name] > 0 && s[name] < Number.POSITIVE_INFINITY))
      throw argumentError(`knative.${name}`, `expected a positive finite number, got ${s[name]}`);
  };
  for (const name of Object.keys(KNATIVE_DEFAULTS) as Array<keyof KnativeSettings>) {
    if (name !== 'scaleToZeroGraceMs') positive(name);
  }
  if (!(s.scaleToZeroGraceMs >= 0))
    throw argumentError('knative.scaleToZeroGraceMs', `expected a duration >= 0 ms, got ${s.scaleToZeroGraceMs}`);
  if (s.panicWindowShare > 1)
    throw argumentError('knative.panicWindowShare', `expected a share in (0, 1], got ${s.panicWindowShare}`);
  if (s.maxScaleUpRate <= 1)
    throw argumentError('knative.maxScaleUpRate', `expected a number > 1, got ${s.maxScaleUpRate}`);
  return s;
}

/**
 * One KPA decision (knative/serving pkg/autoscaler/scaling/autoscaler.go, `Scale`): the pods wanted
 * from the average in-flight requests over the stable and the panic windows. Updates `decider`.
 *
 * - the target per pod is `concurrency × 70%` (or `100 × 70%` when concurrency is unlimited, 0);
 * - the ready pods count as at least 1; one decision grows them at most 1000-fold and shrinks them
 *   at most by half;
 * - demand in the panic window at twice the ready pods starts (or extends) panic mode; panic ends
 *   once the stable window has passed without such demand;
 * - while panicking the larger of the two wants wins and the count never decreases.
 */
export function knativeDecision(
  settings: KnativeSettings,
  decider: KnativeDecider,
  now: number,
  readyPods: number,
  containerConcurrency: number,
  stableAverage: number,
  panicAverage: number,
): number {
  const ready = Math.max(1, readyPods);
  const perPod =
    containerConcurrency > 0 && containerConcurrency < Number.POSITIVE_INFINITY
      ? containerConcurrency
      : settings.defaultTarget;
  const target = perPod * settings.targetShare;
  const maxUp = Math.ceil(settings.maxScaleUpRate * ready);
  const maxDown = Math.floor(ready / settings.maxScaleDownRate);
  const wantStable = Math.ceil(stableAverage / target);
  const wantPanic = Math.ceil(panicAverage / target);
  const clamp = (n: number) => Math.min(maxUp, Math.max(maxDown, n));
  const stable = clamp(wantStable);
  const panic = clamp(wantPanic);
  const overPanic = wantPanic / ready >= settings.panicThreshold;
  if (overPanic) {
    decider.panicking = true;
    decider.panicTime = now;
  } else if (decider.panicking && decider.panicTime + settings.stableWindowMs <= now) {
    decider.panicking = false;
    decider.maxPanicPods = 0;
  }
  if (!decider.panicking) return stable;
  const want = Math.max(stable, panic);
  if (want > decider.maxPanicPods) decider.maxPanicPods = want;
  return decider.maxPanicPods;
}

/**
 * Average in-flight requests over trailing windows, from 1-second buckets as Knative's metric
 * collector keeps them (`BucketSize` 1 s). `change` is called whenever the in-flight count changes;
 * it adds the area of the count since the last change to the buckets it covers. O(1) amortised, no
 * allocation after construction.
 */
export class ConcurrencyWindow {
  private readonly buckets: Float64Array;
  private readonly bucketMs = 1000;
  /** Index (time / bucketMs) of the newest bucket written. */
  private newest = 0;
  private last: number;
  private current = 0;

  constructor(
    windowMs: number,
    private readonly start: number,
  ) {
    this.buckets = new Float64Array(Math.max(1, Math.ceil(windowMs / this.bucketMs)) + 1);
    this.last = start;
    this.newest = Math.floor(start / this.bucketMs);
  }

  /** The in-flight count becomes `value` at `now`. */
  change(now: number, value: number): void {
    this.advance(now);
    this.current = value;
  }

  /** The time average of the count over the `windowMs` before `now` (over less at the start of the run). */
  average(now: number, windowMs: number): number {
    this.advance(now);
    const size = this.buckets.length;
    const from = Math.max(this.start, now - windowMs);
    if (now <= from) return this.current;
    let area = 0;
    const first = Math.floor(from / this.bucketMs);
    const last = Math.floor(now / this.bucketMs);
    for (let b = Math.max(first, last - size + 1); b <= last; b++) {
      const slot = b % size;
      let a = this.buckets[slot]!;
      if (b === first) {
        // Part of the first bucket lies before the window: count the share inside it, as if even.
        const inside = (b + 1) * this.bucketMs - from;
        a *= Math.min(1, inside / this.bucketMs);
      }
      area += a;
    }
    return area / (now - from);
  }

  private advance(now: number): void {
    if (now <= this.last) return;
    const size = this.buckets.length;
    const ms = this.bucketMs;
    const nowBucket = Math.floor(now / ms);
    if (nowBucket > this.newest) {
      // Buckets entered for the first time start empty (the ring reuses the slots of old ones).
      for (let b = Math.max(this.newest + 1, nowBucket - size + 1); b <= nowBucket; b++) this.buckets[b % size] = 0;
      this.newest = nowBucket;
    }
    if (this.current !== 0) {
      let t = Math.max(this.last, (nowBucket - size + 1) * ms);
      while (t < now) {
        const b = Math.floor(t / ms);
        const end = Math.min(now, (b + 1) * ms);
        this.buckets[b % size]! += this.current * (end - t);
        t = end;
      }
    }
    this.last = now;
  }
}
