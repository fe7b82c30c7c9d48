import { argumentError } from '@berth/kernel';
import { type MemoryUsageModel, usageBase } from './MemoryUsageModel.js';

/** Options of {@link memoryLeak}, as fractions of the container's memory request. */
export interface MemoryLeakOptions {
  /** Usage when the process starts (default 0.5). */
  readonly initial?: number | undefined;
  /** Growth per hour of running (e.g. 0.25: a quarter of the request more every hour). */
  readonly perHour: number;
}

/**
 * A leak: usage starts at `initial` × request when the process starts and grows linearly by
 * `perHour` × request per hour of running; a restart (after an OOM kill, say) starts it over.
 */
export function memoryLeak(options: MemoryLeakOptions): MemoryUsageModel {
  const initial = options.initial ?? 0.5;
  const perHour = options.perHour;
  if (!(Number.isFinite(initial) && initial >= 0))
    throw argumentError('initial', `expected a number >= 0, got ${initial}`);
  if (!(Number.isFinite(perHour) && perHour >= 0))
    throw argumentError('perHour', `expected a number >= 0, got ${perHour}`);
  const perMs = perHour / 3_600_000;
  return {
    name: 'memory-leak',
    usage: (c, now) => {
      const since = c.health.runningSince;
      const ran = since < 0 ? 0 : now - since;
      return usageBase(c) * (initial + perMs * ran);
    },
  };
}
