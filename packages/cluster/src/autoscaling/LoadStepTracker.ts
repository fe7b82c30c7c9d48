import type { LoadStepRecord } from './AutoscalingMetrics.js';
import type { EnoughReplicas } from './enoughReplicas.js';

/** A smooth load is looked at every second between its breaks, then the crossing is found to the millisecond. */
const GRID_MS = 1000;

interface Open {
  readonly at: number;
  readonly ready: number;
  enough: number;
}

/**
 * Finds a service's load steps: the moments the replicas its offered load needs (see EnoughReplicas)
 * rise above its ready replicas, and how long until enough are ready (`ready ≥ enough(t)`, by more
 * ready replicas or by the load falling back). A shortfall that begins with replicas lost rather than
 * with the load rising is not a load step and is not counted.
 *
 * Fed with the ready count as it changes (`advance`), it works out the load in between from the
 * closed-form curve: at each break of a stepped load, and every second of a smooth one with the
 * crossing found by bisection to 1 ms. Nothing goes on the agenda.
 */
export class LoadStepTracker {
  readonly steps: LoadStepRecord[] = [];
  private open: Open | null = null;
  private last: number;
  private lastNeed: number;
  private nextBreak = 0;

  constructor(
    private readonly enough: EnoughReplicas,
    from: number,
  ) {
    this.last = from;
    this.lastNeed = enough.at(from);
    const breaks = enough.breaks;
    while (this.nextBreak < breaks.length && breaks[this.nextBreak]! <= from) this.nextBreak += 1;
  }

  /** The service had `ready` ready replicas from the last call until `now`, and has `after` from `now` on. */
  advance(now: number, ready: number, after: number): void {
    const g = this.enough;
    const breaks = g.breaks;
    let prev = this.last;
    let prevNeed = this.lastNeed;
    let grid = g.smooth ? (Math.floor(prev / GRID_MS) + 1) * GRID_MS : Number.POSITIVE_INFINITY;
    for (;;) {
      const brk = this.nextBreak < breaks.length ? breaks[this.nextBreak]! : Number.POSITIVE_INFINITY;
      const p = Math.min(brk, grid);
      if (p >= now) break;
      if (p === brk) this.nextBreak += 1;
      if (p === grid) grid += GRID_MS;
      const need = g.at(p);
      const open = this.open;
      if (open !== null) {
        if (need <= ready) {
          this.close(
            open,
            this.crossing(prev, p, (t) => g.at(t) <= ready),
          );
        } else open.enough = Math.max(open.enough, need);
      } else if (need > ready && prevNeed <= ready) {
        this.open = { at: this.crossing(prev, p, (t) => g.at(t) > ready), ready, enough: need };
      }
      prev = p;
      prevNeed = need;
    }
    const need = g.at(now);
    const open = this.open;
    if (open !== null) {
      if (need <= after) this.close(open, now);
      else open.enough = Math.max(open.enough, need);
    } else if (need > after && prevNeed <= ready && need > prevNeed) {
      this.open = { at: now, ready, enough: need };
    }
    this.last = now;
    this.lastNeed = need;
  }

  /** The steps so far, the one still short of replicas last (with `enoughAt` null). */
  records(): LoadStepRecord[] {
    const open = this.open;
    if (open === null) return [...this.steps];
    return [...this.steps, { at: open.at, ready: open.ready, enough: open.enough, enoughAt: null, durationMs: null }];
  }

  private close(open: Open, at: number): void {
    this.steps.push({ at: open.at, ready: open.ready, enough: open.enough, enoughAt: at, durationMs: at - open.at });
    this.open = null;
  }

  /**
   * The first time in (lo, hi] at which `holds` does, to 1 ms, given that it holds at `hi` and not at
   * `lo`: `hi` itself for a load that jumps there, by bisection for a smooth one.
   */
  private crossing(lo: number, hi: number, holds: (t: number) => boolean): number {
    if (!this.enough.smooth) return hi;
    let a = lo;
    let b = hi;
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (mid <= a) break;
      if (holds(mid)) b = mid;
      else a = mid;
    }
    return b;
  }
}
