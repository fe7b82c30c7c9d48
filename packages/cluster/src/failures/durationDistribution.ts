import { argumentError, type Distribution, type Environment, type RandomStream, SimulationError } from '@berth/kernel';
import { parseDuration } from '../quantities/parseDuration.js';

/**
 * Checks that `value` is a Distribution (see @berth/kernel: exponentialDist, weibullDist, ...) usable
 * as a distribution of durations in ms: it has a sampler and a positive mean. A mean of 0 would put
 * faults back to back at one instant forever.
 */
export function durationDistribution(path: string, value: unknown): Distribution {
  const d = value as Partial<Distribution> | null | undefined;
  if (typeof d !== 'object' || d === null || typeof d.sample !== 'function' || typeof d.mean !== 'number') {
    throw argumentError(
      path,
      `expected a Distribution of durations in ms (e.g. exponentialDist(3_600_000) from @berth/kernel), got ${describe(value)}`,
    );
  }
  if (!(d.mean > 0)) {
    throw argumentError(
      path,
      `expected a distribution with a positive mean (ms), got ${d.name ?? 'one'} with mean ${d.mean}`,
    );
  }
  return d as Distribution;
}

/**
 * Draws one duration (ms) and checks it: a negative or non-finite draw (a normal distribution's left
 * tail, say) is a modelling error, reported with the field and the simulated time.
 */
export function drawDuration(distribution: Distribution, stream: RandomStream, path: string, env: Environment): number {
  const x = distribution.sample(stream);
  if (!(x >= 0 && x < Number.POSITIVE_INFINITY)) {
    throw new SimulationError(
      `${path}: the ${distribution.name} distribution drew ${x}; durations must be finite and >= 0 ms ` +
        '(use a distribution with non-negative support, such as lognormal or weibull)',
      env.now,
      env.currentEntry?.seq ?? -1,
    );
  }
  return x;
}

/** Reads an optional absolute simulated time (ms or text such as '2d'); undefined means never. */
export function timeArgument(path: string, value: number | string | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  const ms = typeof value === 'number' || typeof value === 'string' ? parseDuration(value) : `got ${describe(value)}`;
  if (typeof ms === 'string') throw argumentError(path, ms);
  return ms;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object without sample() and mean';
  return `${typeof value} ${String(value)}`;
}
