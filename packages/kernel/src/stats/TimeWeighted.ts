import { argumentError } from '../errors.js';
import type { Clock } from './Clock.js';

/**
 * A piecewise-constant signal over simulated time — queue length, hosts in use, busy servers — and
 * its time average, the quantity in Little's law (L = λW) and in utilisation. Each value holds from
 * the moment it is set until the next change, so `mean()` weighs it by how long it held; reading
 * takes the time from the clock, never from the caller.
 *
 * The observation window runs from creation (or the last {@link reset}) to `clock.now`. `min` and
 * `max` cover every value the signal took in the window, including values replaced at the same
 * instant they were set (a queue that grows to 1 and drains at one time still peaked at 1).
 */
export class TimeWeighted {
  private readonly clock: Clock;
  // The number fields start as numbers (as Environment's clock), not undefined, so that they stay
  // unboxed and a change of the signal allocates nothing.
  private value = 0;
  private windowStart = 0;
  private lastChange = 0;
  /** Integral of the signal from windowStart to lastChange, in value × ms. */
  private area = 0;
  private lo = 0;
  private hi = 0;

  /** Starts observing at `clock.now` with the signal at `initial` (default 0), a finite number. */
  constructor(clock: Clock, initial = 0) {
    if (!Number.isFinite(initial)) throw argumentError('initial', `expected a finite number, got ${initial}`);
    this.clock = clock;
    const now = clock.now;
    if (!Number.isFinite(now)) throw argumentError('clock.now', `expected a finite time in ms, got ${now}`);
    this.value = initial;
    this.windowStart = now;
    this.lastChange = now;
    this.lo = initial;
    this.hi = initial;
  }

  /** Changes the signal to `value` (a finite number) at `clock.now`. Allocates nothing. */
  set(value: number): void {
    if (!Number.isFinite(value)) throw argumentError('value', `expected a finite number, got ${value}`);
    // The clock read here rather than through elapseTo: a time returned from a call that is not inlined
    // is a new heap number, and a signal changes on every event of a busy simulation.
    const now = this.clock.now;
    if (!(now >= this.lastChange) || now === Number.POSITIVE_INFINITY) this.refuseTime(now);
    this.area += this.value * (now - this.lastChange);
    this.lastChange = now;
    this.value = value;
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
  }

  /** Changes the signal by `delta` (a finite number) at `clock.now`: `add(1)` on arrival, `add(-1)` on departure. */
  add(delta: number): void {
    if (!Number.isFinite(delta)) throw argumentError('delta', `expected a finite number, got ${delta}`);
    this.set(this.value + delta);
  }

  /** The value the signal holds now. */
  get current(): number {
    return this.value;
  }

  /** Time-weighted mean over the window; the current value when the window has zero length. */
  mean(): number {
    const now = this.elapseTo();
    const span = now - this.windowStart;
    return span === 0 ? this.value : (this.area + this.value * (now - this.lastChange)) / span;
  }

  /** Integral of the signal over the window, in value × milliseconds (for example, host-ms in use). */
  integral(): number {
    const now = this.elapseTo();
    return this.area + this.value * (now - this.lastChange);
  }

  /** Largest value the signal took in the window. */
  get max(): number {
    return this.hi;
  }

  /** Smallest value the signal took in the window. */
  get min(): number {
    return this.lo;
  }

  /** Starts a new window at `clock.now`, keeping the current value: drops a warm-up period from the statistics. */
  reset(): void {
    const now = this.elapseTo();
    this.windowStart = now;
    this.lastChange = now;
    this.area = 0;
    this.lo = this.value;
    this.hi = this.value;
  }

  /** Reads the clock and refuses time that runs backwards, which would make the integral meaningless. */
  private elapseTo(): number {
    const now = this.clock.now;
    if (!(now >= this.lastChange) || now === Number.POSITIVE_INFINITY) this.refuseTime(now);
    return now;
  }

  private refuseTime(now: number): never {
    throw argumentError(
      'clock.now',
      `expected a finite time >= ${this.lastChange} ms (the last change of the signal), got ${now}`,
    );
  }
}
