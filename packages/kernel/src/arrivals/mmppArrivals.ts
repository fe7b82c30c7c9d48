import { argumentError } from '../errors.js';
import type { RandomStream } from '../random/RandomStream.js';
import type { ArrivalProcess } from './ArrivalProcess.js';

/** The two states of {@link mmppArrivals}: a Poisson rate each, and how long the process stays in each. */
export interface MmppOptions {
  /** Arrivals per second in state 0 and state 1 (>= 0, not both 0). */
  readonly rates: readonly [number, number];
  /** Mean sojourn in each state, ms (exponential, > 0). */
  readonly meanDurations: readonly [number, number];
}

/**
 * Bursty arrivals: a two-state Markov-modulated Poisson process (MMPP-2). The process alternates
 * between states with exponential sojourns; in each it is Poisson at that state's rate. It starts in
 * a state drawn from the stationary distribution (state i with probability d_i / (d_0 + d_1)), so its
 * mean rate (r_0 d_0 + r_1 d_1) / (d_0 + d_1) holds from time 0.
 */
export function mmppArrivals(options: MmppOptions): ArrivalProcess {
  const { rates, meanDurations } = options;
  rates.forEach((r, i) => {
    if (!(r >= 0 && Number.isFinite(r))) throw argumentError(`rates[${i}]`, `expected a finite rate >= 0, got ${r}`);
  });
  if (rates[0] + rates[1] === 0) throw argumentError('rates', 'expected at least one positive rate, got [0, 0]');
  meanDurations.forEach((d, i) => {
    if (!(d > 0 && Number.isFinite(d)))
      throw argumentError(`meanDurations[${i}]`, `expected a positive finite duration in ms, got ${d}`);
  });
  const [d0, d1] = meanDurations;
  const meanRate = (rates[0] * d0 + rates[1] * d1) / (d0 + d1);
  return Object.freeze({
    name: 'mmpp',
    meanRate,
    *times(stream: RandomStream, until: number, start = 0) {
      let state = stream.next() < d0 / (d0 + d1) ? 0 : 1;
      let t = start;
      while (t < until) {
        const end = t + stream.exponential(meanDurations[state]!);
        const rate = rates[state]!;
        if (rate > 0) {
          const gap = 1000 / rate;
          // Memorylessness: the gap overshooting the sojourn is simply dropped at the switch.
          for (let a = t + stream.exponential(gap); a < end && a < until; a += stream.exponential(gap)) yield a;
        }
        t = end;
        state = 1 - state;
      }
    },
  });
}

/**
 * On/off arrivals: Poisson at `rate` during exponential on-periods of mean `meanOn` ms, silent during
 * off-periods of mean `meanOff` ms (an MMPP-2 with one rate 0); mean rate rate·on/(on + off).
 */
export function onOffArrivals(options: { rate: number; meanOn: number; meanOff: number }): ArrivalProcess {
  const process = mmppArrivals({ rates: [options.rate, 0], meanDurations: [options.meanOn, options.meanOff] });
  return Object.freeze({ ...process, name: 'on-off' });
}
