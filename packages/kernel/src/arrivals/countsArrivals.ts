import { argumentError } from '../errors.js';
import type { RandomStream } from '../random/RandomStream.js';
import type { ArrivalProcess } from './ArrivalProcess.js';

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
  for (const n of counts) total += n;
  const meanRate = (total * 1000) / (counts.length * binMs);
  if (!(meanRate > 0)) throw argumentError('counts', 'expected at least one arrival in all');
  return Object.freeze({
    name: 'counts',
    meanRate,
    *times(stream: RandomStream, until: number, start = 0) {
      const scratch: number[] = [];
      for (let i = 0; i < counts.length; i++) {
        const from = start + i * binMs;
        if (from >= until) return;
        scratch.length = 0;
        for (let k = 0; k < counts[i]!; k++) scratch.push(from + stream.next() * binMs);
        scratch.sort((a, b) => a - b);
        for (const t of scratch) {
          if (t >= until) return;
          if (t > start) yield t;
        }
      }
    },
  });
}
