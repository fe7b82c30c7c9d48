import { buildTraffic } from './runTraffic.js';
import { type SteadyLoad, steadyShape } from './steadyLoad.js';
import { SOURCE } from './trafficScenario.js';

/** Kernel agenda entries run per request answered, in total and by entry label. */
export interface EntriesPerRequest {
  readonly total: number;
  /** By label (a callback's name; its kind when it has none), most frequent first. */
  readonly byLabel: ReadonlyArray<readonly [string, number]>;
}

/**
 * Runs the steady load once, untimed, with a trace listener that counts the agenda entries run after
 * the warm-up, and divides by the requests answered meanwhile: how many kernel events a request costs.
 */
export function agendaEntriesPerRequest(load: SteadyLoad, seed: number): EntriesPerRequest {
  const sim = buildTraffic(steadyShape(load), seed);
  sim.run(load.warmupMs);
  const before = sim.traffic().sources[SOURCE]!.succeeded;
  const counts = new Map<string, number>();
  let total = 0;
  const stop = sim.env.onTrace((entry) => {
    const label = entry.label ?? `(unnamed ${entry.kind})`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
    total += 1;
  });
  sim.run();
  stop();
  const answered = sim.traffic().sources[SOURCE]!.succeeded - before;
  if (answered === 0) throw new Error('agenda entry count: no request was answered after the warm-up');
  return {
    total: total / answered,
    byLabel: [...counts].sort((a, b) => b[1] - a[1]).map(([label, n]) => [label, n / answered] as const),
  };
}
