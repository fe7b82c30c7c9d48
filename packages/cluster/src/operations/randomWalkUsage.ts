import { argumentError, type RandomStream } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import { type MemoryUsageModel, usageBase } from './MemoryUsageModel.js';

/** Options of {@link randomWalkUsage}; levels are fractions of the memory request. */
export interface RandomWalkUsageOptions {
  /** Level when the process starts (default 0.6). */
  readonly initial?: number | undefined;
  /** Standard deviation of one step (default 0.05). */
  readonly step?: number | undefined;
  /** Time between steps in ms (default 60 s). */
  readonly periodMs?: number | undefined;
  /** The walk stays within [min, max] (defaults 0.1 and 2). */
  readonly min?: number | undefined;
  readonly max?: number | undefined;
}

interface Walk {
  readonly since: number;
  readonly rng: RandomStream;
  steps: number;
  level: number;
}

/**
 * A seeded random walk per container: the level starts at `initial` when the process starts and
 * moves by a normal step every `periodMs`, clamped to [min, max]; usage is level × request. Each
 * container (and each restart of it) draws from its own child stream of `rng`, named after it, so
 * the walk does not depend on which containers were asked about, or when.
 */
export function randomWalkUsage(rng: RandomStream, options: RandomWalkUsageOptions = {}): MemoryUsageModel {
  const initial = options.initial ?? 0.6;
  const step = options.step ?? 0.05;
  const period = options.periodMs ?? 60_000;
  const min = options.min ?? 0.1;
  const max = options.max ?? 2;
  for (const [key, value] of Object.entries({ initial, step, min, max })) {
    if (!(Number.isFinite(value) && value >= 0)) throw argumentError(key, `expected a number >= 0, got ${value}`);
  }
  if (!(Number.isFinite(period) && period > 0))
    throw argumentError('periodMs', `expected a positive number, got ${period}`);
  if (min > max) throw argumentError('min', `expected at most max (${max}), got ${min}`);
  const walks = new WeakMap<Container, Walk>();
  return {
    name: 'random-walk',
    usage: (c, now) => {
      const since = c.health.runningSince;
      let walk = walks.get(c);
      if (walk === undefined || walk.since !== since) {
        const start = Math.min(max, Math.max(min, initial));
        walk = { since, rng: rng.stream(`${c.name}#${c.health.restarts}`), steps: 0, level: start };
        walks.set(c, walk);
      }
      const due = since < 0 ? 0 : Math.floor((now - since) / period);
      while (walk.steps < due) {
        walk.level = Math.min(max, Math.max(min, walk.level + walk.rng.normal(0, step)));
        walk.steps += 1;
      }
      return walk.level * usageBase(c);
    },
  };
}
