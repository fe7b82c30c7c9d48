import type { ArrivalCursor, ArrivalProcess, RandomStream } from '@berth/kernel';

/**
 * A function's invocation times, pulled one at a time whatever the kind of process: a renewal process
 * (one with `after`, such as Poisson) draws its next time directly, one with a `cursor` (counts per
 * minute from a trace) is pulled from it, and any other runs its generator. Every kind draws what
 * `process.times(stream, until, start)` would, in the same order; +Infinity ends the times.
 *
 * The controller keeps the cursor with the function and puts one agenda entry on the agenda for it,
 * rescheduled from one arrival to the next, through one function shared by every function (no closure
 * per function, and the cursor lives as long as the function's state does).
 */
export function arrivalCursor(
  process: ArrivalProcess,
  stream: RandomStream,
  until: number,
  start: number,
): ArrivalCursor {
  if (process.after !== undefined) return new RenewalCursor(process.after, stream, until, start);
  if (process.cursor !== undefined) return process.cursor(stream, until, start);
  return new GeneratorCursor(process.times(stream, until, start));
}

/** A renewal process's times: each drawn from the one before, until one reaches `until`. */
class RenewalCursor implements ArrivalCursor {
  // Starts as a number, not undefined, so that the times stored in it stay unboxed.
  private at = 0;
  private done = false;

  constructor(
    private readonly after: (stream: RandomStream, t: number) => number,
    private readonly stream: RandomStream,
    private readonly until: number,
    start: number,
  ) {
    this.at = start;
  }

  next(): number {
    if (this.done) return Number.POSITIVE_INFINITY;
    const after = this.after;
    const at = after(this.stream, this.at);
    this.at = at;
    if (at < this.until) return at;
    this.done = true;
    return Number.POSITIVE_INFINITY;
  }
}

/** Any other process's times, from its generator. */
class GeneratorCursor implements ArrivalCursor {
  constructor(private readonly times: Generator<number, void, undefined>) {}

  next(): number {
    const next = this.times.next();
    return next.done === true ? Number.POSITIVE_INFINITY : next.value;
  }
}
