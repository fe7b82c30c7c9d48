import { argumentError, type Callback } from '@berth/kernel';
import { parseDuration } from '../quantities/parseDuration.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/** A periodic activity started by {@link repeatWhileBusy}. */
export interface Repeating {
  /** True while a next tick is scheduled. */
  readonly scheduled: boolean;
  /** Stops for good. */
  stop(): void;
}

/** Parses a duration argument (ms or text such as `'10s'`), throwing a ConfigError naming `path`. */
export function durationArgument(path: string, value: number | string, positive: boolean): number {
  const ms = parseDuration(value);
  if (typeof ms === 'string') throw argumentError(path, ms);
  if (positive && ms <= 0) throw argumentError(path, `expected a positive duration, got ${ms}`);
  return ms;
}

/**
 * Calls `tick` every `period` ms until `until` (an absolute time; default: the scenario's horizon),
 * and after that only while the simulation has something else to do: a tick past `until` that
 * finds the agenda otherwise empty does not schedule the next one, so `sim.run()` still ends. The
 * next cluster event — not one of the tick's own — wakes it again, one period later. Without `until` or a scenario horizon, an
 * idle cluster therefore sees no ticks: state that changes with no event (a usage model) is only
 * checked while something else is scheduled, so give such agents an `until` or a horizon. Two
 * activities without `until` keep each other's ticks on the agenda, so `sim.run()` holding both
 * needs a time limit.
 */
export function repeatWhileBusy(
  sim: ClusterRuntime,
  period: number,
  name: string,
  tick: () => void,
  until: number = sim.scenario.horizon ?? Number.NEGATIVE_INFINITY,
): Repeating {
  const env = sim.env;
  let stopped = false;
  let handle: Callback | null = null;
  /** True during a tick: the activity's own events (a run's report) do not wake it. */
  let ticking = false;
  const run = () => {
    ticking = true;
    try {
      tick();
    } finally {
      ticking = false;
    }
    if (stopped || handle!.scheduled) return;
    if (env.now + period <= until || env.pending > 0) env.reschedule(handle!, period);
  };
  handle = env.schedule(period, run, undefined, { name });
  const unsubscribe = sim.log.subscribe(() => {
    if (!stopped && !ticking && !handle!.scheduled) env.reschedule(handle!, period);
  });
  return {
    get scheduled() {
      return handle!.scheduled;
    },
    stop() {
      stopped = true;
      unsubscribe();
      if (handle!.scheduled) env.cancel(handle!);
    },
  };
}
