/** One step of a piecewise-constant signal: `value` holds from `at` (simulated ms) until the next step. */
export interface StepPoint {
  readonly at: number;
  readonly value: number;
}

/**
 * A piecewise-constant signal (a count of pending containers, of ready replicas) built from events in
 * time order. Changes at one instant collapse into one step holding the instant's last value, and a
 * change back to the current value adds nothing, so a chart draws only real steps.
 */
export class StepSeries {
  private readonly ats: number[] = [];
  private readonly values: number[] = [];
  private currentValue: number;

  /** Starts at `value` from time `from` (ms). */
  constructor(from: number, value: number) {
    this.ats.push(from);
    this.values.push(value);
    this.currentValue = value;
  }

  /** The value now (after the last change). */
  get current(): number {
    return this.currentValue;
  }

  /** Adds `delta` at time `at` (ms, not before the last change). */
  add(at: number, delta: number): void {
    this.set(at, this.currentValue + delta);
  }

  /** Sets the value from time `at` on (ms, not before the last change; an earlier time counts as the last). */
  set(at: number, value: number): void {
    if (value === this.currentValue) return;
    this.currentValue = value;
    const last = this.ats.length - 1;
    if (at <= this.ats[last]!) {
      // Same instant: the instant's final value wins; drop the step if it returns to the one before.
      if (last > 0 && this.values[last - 1] === value) {
        this.ats.pop();
        this.values.pop();
      } else this.values[last] = value;
      return;
    }
    this.ats.push(at);
    this.values.push(value);
  }

  /**
   * The steps, oldest first, closed by a last point at `end` (ms) holding the final value so a chart
   * draws the last step to the end of the run. With more than `maxPoints` steps, the window is cut
   * into `maxPoints` equal buckets and each bucket keeps one point at its start with the highest value
   * the signal reached in it: an upper envelope, so that a short peak (a burst of pending containers)
   * still shows. `maxPoints` must be an integer >= 2.
   */
  points(end: number, maxPoints = 2000): StepPoint[] {
    const ats = this.ats;
    const values = this.values;
    const n = ats.length;
    const from = ats[0]!;
    const last = Math.max(end, ats[n - 1]!);
    if (n + 1 <= maxPoints || last <= from) {
      const out: StepPoint[] = [];
      for (let i = 0; i < n; i++) out.push({ at: ats[i]!, value: values[i]! });
      if (last > ats[n - 1]!) out.push({ at: last, value: this.currentValue });
      return out;
    }
    const buckets = maxPoints - 1;
    const width = (last - from) / buckets;
    const peak = new Array<number>(buckets).fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < n; i++) {
      const start = ats[i]!;
      const stop = i + 1 < n ? ats[i + 1]! : last;
      const first = Math.min(buckets - 1, Math.floor((start - from) / width));
      // A step that ends exactly on a bucket edge does not reach into the next bucket.
      const lastBucket = Math.min(buckets - 1, Math.max(first, Math.ceil((stop - from) / width) - 1));
      for (let b = first; b <= lastBucket; b++) if (values[i]! > peak[b]!) peak[b] = values[i]!;
    }
    const out: StepPoint[] = [];
    for (let b = 0; b < buckets; b++) out.push({ at: from + b * width, value: peak[b]! });
    out.push({ at: last, value: this.currentValue });
    return out;
  }
}
