import { argumentError } from '@berth/kernel';

/** Series points per horizon when no interval is given: enough for a plot, small in a report. */
const POINTS_PER_HORIZON = 200;
const DEFAULT_SAMPLE_EVERY = 60_000;

/**
 * The length of a collector's series interval, ms: `sampleEvery` when given (a finite number > 0, else
 * an argument error naming it), else the horizon / 200, or one minute without a horizon. Every
 * collector of a run uses it, so that their series share their instants.
 */
export function sampleInterval(horizon: number | undefined, sampleEvery: number | undefined): number {
  const every =
    sampleEvery ?? (horizon !== undefined && horizon > 0 ? horizon / POINTS_PER_HORIZON : DEFAULT_SAMPLE_EVERY);
  if (!(every > 0) || every === Number.POSITIVE_INFINITY) {
    throw argumentError('sampleEvery', `expected a finite number of ms > 0, got ${every}`);
  }
  return every;
}

/**
 * Points a collector's series keeps at most. When a series reaches it, neighbouring intervals are
 * merged in pairs and the interval doubles, so memory stays flat however long a run goes past its
 * horizon (the default 200 points per horizon are kept as they are for about 20 horizons).
 */
export const MAX_SERIES_POINTS = 4096;
