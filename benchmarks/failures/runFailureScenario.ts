import { performance } from 'node:perf_hooks';
import type { ClusterEvent } from '@berth/cluster';
import { type ClusterApi, CURRENT_CLUSTER } from '../cluster/ClusterApi.js';
import { CURRENT_KERNEL, type KernelApi } from '../kernel/KernelApi.js';
import { cpuTime } from '../machine.js';
import { type FailureClusterSize, failureScenario } from './failureScenario.js';

/** One run of the failure benchmark: the cluster, the seed, the strategy and the failure process. */
export interface FailureSettings {
  readonly size: FailureClusterSize;
  readonly seed: number;
  readonly strategy: string;
  /** Simulated ms before failures start and the availability collector is attached. */
  readonly warmUp: number;
  /** Simulated ms of failures after the warm-up. */
  readonly duration: number;
  /** Mean time between failures of one host (exponential), ms. */
  readonly mtbf: number;
  /** Mean time to repair (lognormal, cv 1), ms. */
  readonly mttr: number;
}

/** The builds to run on and who hears the events; this checkout's packages and nobody by default. */
export interface FailureRunOptions {
  readonly cluster?: ClusterApi;
  readonly kernel?: KernelApi;
  readonly onEvent?: (event: ClusterEvent) => void;
}

/** What one run measured: availability figures over the failure period, and its costs. */
export interface FailureRun {
  /** Mean over services of the fraction of time with every desired replica available. */
  readonly full: number;
  /** Mean over services of the time-weighted fraction of desired replicas available. */
  readonly replicas: number;
  /** The worst service's full availability. */
  readonly worst: number;
  /** Seconds with no replica available, summed over services. */
  readonly dark: number;
  /** Mean outage length (s) over every service's outages. */
  readonly recovery: number;
  readonly outages: number;
  readonly moved: number;
  readonly lost: number;
  readonly hostFailures: number;
  /** Wall time of the whole run: building, warm-up, failures and report. */
  readonly seconds: number;
  /** Wall time of the failure period alone (`sim.run` after the warm-up). */
  readonly runSeconds: number;
  /** CPU time of the process (user + system, every thread) during the failure period. */
  readonly runCpuSeconds: number;
  /** Cluster events recorded during the failure period. */
  readonly runEvents: number;
  /** `sim.counters` at the end: placements and attempts of the whole run. */
  readonly placed: number;
  readonly attempts: number;
  /** Every host crash and recovery, for the common-random-numbers check. */
  readonly failureLog: string;
}

/**
 * Runs the service-heavy cluster through a warm-up, then attaches the availability collector and random
 * host failures (exponential up time, lognormal repair) and runs the failure period, as
 * `failures/run.ts` does; the event log is off.
 */
export function runFailureScenario(settings: FailureSettings, options: FailureRunOptions = {}): FailureRun {
  const cluster = options.cluster ?? CURRENT_CLUSTER;
  const kernel = options.kernel ?? CURRENT_KERNEL;
  const start = performance.now();
  const sim = cluster.createSimulation(failureScenario(settings.size, settings.seed), {
    strategy: settings.strategy,
    eventLog: { keep: 'none' },
    onEvent: options.onEvent,
  });
  sim.run(settings.warmUp);
  const metrics = cluster.collectAvailability(sim);
  const failures: string[] = [];
  sim.log.subscribe((e) => {
    if (e.type === 'host.crashed' || e.type === 'host.recovered') failures.push(`${e.at}:${e.type}:${e.host}`);
  });
  cluster
    .randomHostFailures({
      mtbf: kernel.exponentialDist(settings.mtbf),
      mttr: kernel.lognormalFromMeanCv(settings.mttr, 1),
    })
    .attach(sim);
  const eventsBefore = sim.log.size;
  const cpuStart = process.cpuUsage();
  const runStart = performance.now();
  sim.run(settings.warmUp + settings.duration);
  const runSeconds = (performance.now() - runStart) / 1000;
  const runCpuSeconds = cpuTime(process.cpuUsage(cpuStart));
  const runEvents = sim.log.size - eventsBefore;
  const report = metrics.report();
  const services = Object.values(report.services);
  let full = 0;
  let replicas = 0;
  let worst = 1;
  let dark = 0;
  const window = (report.window.to - report.window.from) / 1000;
  let recoveryTotal = 0;
  let outages = 0;
  let moved = 0;
  let lost = 0;
  for (const s of services) {
    full += s.full ?? 0;
    replicas += s.replicaFraction ?? 0;
    worst = Math.min(worst, s.full ?? 0);
    dark += (1 - (s.any ?? 1)) * window;
    recoveryTotal += s.timeToRecover.total;
    outages += s.timeToRecover.count;
    moved += s.rescheduled;
    lost += s.lost;
  }
  const hostFailures = Object.values(report.hostGroups).reduce((n, g) => n + g.failures, 0);
  return {
    full: full / services.length,
    replicas: replicas / services.length,
    worst,
    dark,
    recovery: outages > 0 ? recoveryTotal / outages / 1000 : 0,
    outages,
    moved,
    lost,
    hostFailures,
    seconds: (performance.now() - start) / 1000,
    runSeconds,
    runCpuSeconds,
    runEvents,
    placed: sim.counters.placed,
    attempts: sim.counters.attempts,
    failureLog: failures.join('|'),
  };
}
