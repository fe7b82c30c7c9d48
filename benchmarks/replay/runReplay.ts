import { performance } from 'node:perf_hooks';
import { collectMetrics, createSimulation, type ScenarioInput } from '@berth/cluster';

/** What one replay reports; times are wall-clock seconds. */
export interface ReplayRun {
  /** createSimulation: validating the scenario, building hosts, creating the long-running replicas. */
  readonly buildSeconds: number;
  /** sim.run() to the horizon. */
  readonly runSeconds: number;
  /** collectMetrics(sim).report() at the end. */
  readonly reportSeconds: number;
  readonly totalSeconds: number;
  /** CPU time of the process over the whole replay (user + system): what a busy machine's time slicing does not inflate. */
  readonly cpuSeconds: number;
  readonly placed: number;
  readonly attempts: number;
  /** Cluster events logged (counted, not kept). */
  readonly events: number;
  readonly hostsUsedPeak: number;
  /** Heap in use after the run, before the simulation is dropped, in bytes. */
  readonly heapUsed: number;
}

/**
 * Replays `scenario` the way `berth run` does (createSimulation with the event log off, a metrics
 * collector, run to the horizon, report), timing each step; throws unless exactly `expected`
 * containers were placed, each at its first attempt, so the figure never hides an unfinished replay.
 */
export function runReplay(scenario: ScenarioInput, expected: number): ReplayRun {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const sim = createSimulation(scenario, { eventLog: { keep: 'none' } });
  const collector = collectMetrics(sim);
  const t1 = performance.now();
  sim.run();
  const t2 = performance.now();
  const metrics = collector.report();
  const t3 = performance.now();
  const used = process.cpuUsage(cpu);
  const { placed, attempts } = sim.counters;
  if (placed !== expected || attempts !== expected) {
    throw new Error(
      `expected ${expected} containers placed at their first attempt, got ${placed} in ${attempts} attempts`,
    );
  }
  return {
    buildSeconds: (t1 - t0) / 1000,
    runSeconds: (t2 - t1) / 1000,
    reportSeconds: (t3 - t2) / 1000,
    totalSeconds: (t3 - t0) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    placed,
    attempts,
    events: sim.log.size,
    hostsUsedPeak: metrics.hosts.peakUsed,
    heapUsed: process.memoryUsage().heapUsed,
  };
}
