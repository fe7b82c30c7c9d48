import { performance } from 'node:perf_hooks';
import type { ClusterEvent, ScenarioInput } from '@berth/cluster';
import { cpuTime } from '../machine.js';
import { type ClusterApi, CURRENT_CLUSTER } from './ClusterApi.js';

/** What one timed placement run reports. */
export interface PlacementRun {
  /** Wall time of `sim.run()` alone: building the simulation (parsing, hosts, agenda) is not timed. */
  readonly seconds: number;
  /** CPU time of the process (user + system, every thread) during `sim.run()`. */
  readonly cpuSeconds: number;
  /** `sim.counters.placed`: containers bound to a host. */
  readonly events: number;
  readonly attempts: number;
  /** Simulated time at the end of the run. */
  readonly endTime: number;
  /** Hosts holding at least one container: how tightly the strategy packed. */
  readonly hostsUsed: number;
  /** Cluster events recorded in the whole run (`sim.log.size`). */
  readonly clusterEvents: number;
}

/** Which build runs the scenario, and who hears its events. */
export interface PlacementOptions {
  /** The cluster package to run on: this checkout's by default. */
  readonly cluster?: ClusterApi;
  /** Hears every cluster event (the A/B tool digests the stream); none by default. */
  readonly onEvent?: (event: ClusterEvent) => void;
}

/**
 * Builds the scenario (event log off), times `sim.run()` with the wall clock and checks that every one
 * of `expected` containers was placed at its first attempt; throws otherwise, because then the figure
 * would measure retries or an unfinished run, not placement.
 */
export function runPlacement(scenario: ScenarioInput, expected: number, options: PlacementOptions = {}): PlacementRun {
  const cluster = options.cluster ?? CURRENT_CLUSTER;
  const sim = cluster.createSimulation(scenario, { eventLog: { keep: 'none' }, onEvent: options.onEvent });
  // Building is not timed, and neither is collecting what building left behind.
  globalThis.gc?.();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = cpuTime(process.cpuUsage(cpuStart));
  const { placed, attempts } = sim.counters;
  if (placed !== expected || attempts !== expected) {
    throw new Error(
      `${scenario.name ?? 'scenario'} on '${scenario.scheduler?.strategy}': expected ${expected} containers placed ` +
        `at their first attempt, got ${placed} placed in ${attempts} attempts`,
    );
  }
  let hostsUsed = 0;
  for (const host of sim.cluster.hosts) if (host.containerCount > 0) hostsUsed += 1;
  return { seconds, cpuSeconds, events: placed, attempts, endTime: sim.now, hostsUsed, clusterEvents: sim.log.size };
}
