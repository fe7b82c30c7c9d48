import type { RandomStream } from '../random/RandomStream.js';

/**
 * When work arrives: a point process on simulated time. Rates are per second, times in ms. A process
 * is data and keeps no state between calls; each call of `times` draws from the stream it is given,
 * so the caller decides which named stream pays (common random numbers across compared runs).
 */
export interface ArrivalProcess {
  /** Stable name for scenarios, logs and reports: `poisson`, `mmpp`, `on-off`, `diurnal`. */
  readonly name: string;
  /** Long-run mean arrivals per second. */
  readonly meanRate: number;
  /** Arrival times in ms, strictly after `start` (default 0) and before `until`, increasing; lazy. */
  times(stream: RandomStream, until: number, start?: number): Generator<number, void, undefined>;
  /**
   * For a process whose next arrival depends only on the last (a renewal process such as Poisson): the
   * arrival after time `t`, drawing what `times` would draw, so `after(s, start)`, `after(s, that)`...
   * give `times(s, ∞, start)`'s sequence. Lets a hot loop skip the generator; absent for the others.
   */
  after?(stream: RandomStream, t: number): number;
  /**
   * For a process that is neither renewal nor cheap to run as a generator (counts per bin): the same
   * times as `times(stream, until, start)`, drawn in the same order, pulled one at a time from a plain
   * object. Lets a hot loop skip the generator; absent for the others.
   */
  cursor?(stream: RandomStream, until: number, start?: number): ArrivalCursor;
}

/** Arrival times pulled one at a time: {@link ArrivalProcess.cursor}. */
export interface ArrivalCursor {
  /** The next arrival time in ms, or +Infinity when there is none left. */
  next(): number;
}
