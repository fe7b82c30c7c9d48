import { argumentError } from '../errors.js';
import type { RandomStream } from '../random/RandomStream.js';
import type { ArrivalCursor, ArrivalProcess } from './ArrivalProcess.js';

/** Options of {@link countsArrivals}. */
export interface CountsOptions {
  /** Arrivals in each bin, in order (a trace's invocations per minute, say). */
  readonly counts: readonly number[];
  /** Length of a bin, ms (default one minute, the Azure Functions trace's resolution). */
  readonly binMs?: number | undefined;
}

/**
 * Replays counts per interval, as traces record load (the Azure Functions 2019 trace counts each
 * function's invocations per minute): exactly `counts[i]` arrivals in bin i, at independent uniform
 * times within it (the trace says nothing finer), so every bin's total is the trace's own. Bin 0 starts
 * at the `start` given to `times`; after the last bin nothing arrives.
 */
export function countsArrivals(options: CountsOptions): ArrivalProcess {
  const { counts } = options;
  const binMs = options.binMs ?? 60_000;
  if (!Array.isArray(counts) || counts.length === 0) {
    throw argumentError('counts', 'expected a non-empty list of counts per bin');
  }
  counts.forEach((n, i) => {
    if (!(Number.isInteger(n) && n >= 0)) throw argumentError(`counts[${i}]`, `expected an integer >= 0, got ${n}`);
  });
  if (!(binMs > 0 && Number.isFinite(binMs))) {
    throw argumentError('binMs', `expected a positive finite duration in ms, got ${binMs}`);
  }
  let total = 0;
  let most = 0;
  for (const n of counts) {
    total += n;
    if (n > most) most = n;
  }
  const meanRate = (total * 1000) / (counts.length * binMs);
  if (!(meanRate > 0)) throw argumentError('counts', 'expected at least one arrival in all');
  return Object.freeze({
    name: 'counts',
    meanRate,
    *times(stream: RandomStream, until: number, start = 0) {
      const cursor = new CountsCursor(counts, binMs, most, stream, until, start);
      for (let t = cursor.next(); t !== Number.POSITIVE_INFINITY; t = cursor.next()) yield t;
    },
    cursor: (stream: RandomStream, until: number, start = 0): ArrivalCursor =>
      new CountsCursor(counts, binMs, most, stream, until, start),
  });
}

/**
 * Bins of up to this many arrivals are sorted in place by insertion: a trace's bins are mostly small
 * (the Azure slice averages a few invocations per function-minute), where a typed array's own sort
 * costs a view and a call into the runtime per bin. The order is the same: numbers have one sorted order.
 */
const INSERTION_SORT_MAX = 32;

/** Sorts buffer[0..n) ascending in place (n small): insertion sort, no allocation. */
function sortPrefix(buffer: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = buffer[i]!;
    let j = i - 1;
    while (j >= 0 && buffer[j]! > x) {
      buffer[j + 1] = buffer[j]!;
      j--;
    }
    buffer[j + 1] = x;
  }
}

/**
 * Walks the bins: draws a bin's times all at once (in the order the stream gives them), sorts them in
 * a typed array (numeric order, no comparator call per pair), and hands them out one by one. Allocates
 * per bin at most a view, never per arrival.
 */
class CountsCursor implements ArrivalCursor {
  private readonly buffer: Float64Array;
  private bin = 0;
  /** Times of the current bin, sorted, in buffer[at..size). */
  private at = 0;
  private size = 0;
  private done = false;

  constructor(
    private readonly counts: readonly number[],
    private readonly binMs: number,
    most: number,
    private readonly stream: RandomStream,
    private readonly until: number,
    private readonly start: number,
  ) {
    this.buffer = new Float64Array(most);
  }

  next(): number {
    for (;;) {
      if (this.at < this.size) {
        const t = this.buffer[this.at++]!;
        if (t >= this.until) {
          this.finish();
          return Number.POSITIVE_INFINITY;
        }
        if (t > this.start) return t;
        continue;
      }
      if (this.done || !this.fill()) return Number.POSITIVE_INFINITY;
    }
  }

  /** Draws the next bin's times; false when the bins (or the time before `until`) are over. */
  private fill(): boolean {
    const counts = this.counts;
    if (this.bin >= counts.length) {
      this.finish();
      return false;
    }
    const from = this.start + this.bin * this.binMs;
    if (from >= this.until) {
      this.finish();
      return false;
    }
    const n = counts[this.bin]!;
    this.bin += 1;
    const buffer = this.buffer;
    const stream = this.stream;
    for (let k = 0; k < n; k++) buffer[k] = from + stream.next() * this.binMs;
    if (n > INSERTION_SORT_MAX) {
      if (n === buffer.length) buffer.sort();
      else buffer.subarray(0, n).sort();
    } else sortPrefix(buffer, n);
    this.at = 0;
    this.size = n;
    return true;
  }

  private finish(): void {
    this.done = true;
    this.at = 0;
    this.size = 0;
  }
}
