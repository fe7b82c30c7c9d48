import { argumentError } from '../errors.js';
import type { RandomStream } from '../random/RandomStream.js';
import type { ArrivalProcess } from './ArrivalProcess.js';

/** A homogeneous Poisson process: independent exponential gaps of mean 1000/rate ms. */
export function poissonArrivals(ratePerSecond: number): ArrivalProcess {
  if (!(ratePerSecond > 0 && Number.isFinite(ratePerSecond))) {
    throw argumentError('ratePerSecond', `expected a positive finite rate, got ${ratePerSecond}`);
  }
  const meanGap = 1000 / ratePerSecond;
  return Object.freeze({
    name: 'poisson',
    meanRate: ratePerSecond,
    after: (stream: RandomStream, t: number) => t + stream.exponential(meanGap),
    *times(stream: RandomStream, until: number, start = 0) {
      for (let t = start + stream.exponential(meanGap); t < until; t += stream.exponential(meanGap)) yield t;
    },
  });
}
