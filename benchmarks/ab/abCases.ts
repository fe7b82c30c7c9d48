import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CONTAINERS_PER_HOST, mixedFleetScenario } from '../cluster/mixedFleet.js';
import { type BasicSize, schedulingBasicScenario } from '../cluster/schedulingBasic.js';
import type { FailureSettings } from '../failures/runFailureScenario.js';
import type { ModelSize } from '../kernel/modelSize.js';
import { cpuTime } from '../machine.js';
import { EventDigest } from './EventDigest.js';
import type { Side } from './Side.js';

/** What one timed run of a case reports. */
export interface CaseRun {
  /** Wall time of the timed part. */
  readonly seconds: number;
  /** CPU time of the process (user + system, every thread) in the timed part. */
  readonly cpuSeconds: number;
  /** Work done in that time, in the case's unit (events, placements). */
  readonly count: number;
  /** What the run produced, written so that two runs that did the same work give the same text. */
  readonly result: string;
}

/** One benchmark of the A/B run: the same work on either side. */
export interface AbCase {
  /** Short name for `--only`. */
  readonly id: string;
  /** What is run, for the report. */
  readonly title: string;
  /** The unit counted per second: `events`, `placements`, `cluster events`. */
  readonly unit: string;
  /** One timed run on a side. */
  run(side: Side): CaseRun;
  /**
   * An untimed run that digests the whole event stream, done once per side before the timed rounds: a
   * deeper check than the timed runs' results. Absent where the timed result is already exact.
   */
  verify?(side: Side): string;
}

/** The sizes of every case and of the yardstick. */
export interface AbSizes {
  readonly kernel: ModelSize;
  readonly basic: BasicSize;
  /** Hosts of the uniform mixed fleet (10 containers each). */
  readonly fleetHosts: number;
  readonly failures: FailureSettings;
  /** The bare loop run before every timed run. */
  readonly yardstick: ModelSize;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The full sizes: those of kernel/run.ts, cluster/run.ts and failures/run.ts (one seed, one strategy). */
export const FULL_SIZES: AbSizes = {
  kernel: { processes: 1000, timeouts: 1000 },
  basic: { hosts: 5000, containers: 10_000 },
  fleetHosts: 10_000,
  failures: {
    size: { hosts: 200, services: 30, replicas: 10 },
    seed: 1,
    strategy: 'kubernetes',
    warmUp: 10 * MINUTE,
    duration: 7 * DAY,
    mtbf: 2 * DAY,
    mttr: 15 * MINUTE,
  },
  yardstick: { processes: 1000, timeouts: 1000 },
};

/** The `--smoke` sizes of the same scripts: seconds in all, figures meaningless. */
export const SMOKE_SIZES: AbSizes = {
  kernel: { processes: 20, timeouts: 50 },
  basic: { hosts: 200, containers: 400 },
  fleetHosts: 100,
  failures: { ...FULL_SIZES.failures, size: { hosts: 30, services: 6, replicas: 5 }, duration: DAY / 2, mtbf: DAY / 2 },
  yardstick: { processes: 20, timeouts: 50 },
};

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * The A/B cases: the kernel's reference model on the generator API and on both forms of the callback API
 * (as kernel/run.ts runs them), SchedulingBasic on the kubernetes preset and best-fit on the uniform
 * mixed fleet (cluster/run.ts), and the failure benchmark's cluster under random host failures with
 * replacement on the kubernetes preset (failures/run.ts, one seed): the event dispatch and the controllers.
 */
export function abCases(sizes: AbSizes): AbCase[] {
  const seed = 42;
  const kernelTitle = `${int(sizes.kernel.processes)} processes × ${int(sizes.kernel.timeouts)} timeouts`;
  const kernelCase = (id: string, api: string, model: (side: Side) => { events: number; endTime: number }) => ({
    id,
    title: `kernel, ${api}: ${kernelTitle}`,
    unit: 'events',
    run(side: Side): CaseRun {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const outcome = model(side);
      const seconds = (performance.now() - start) / 1000;
      const cpuSeconds = cpuTime(process.cpuUsage(cpuStart));
      // Same draws in the same order end at the same instant, to the last bit.
      const result = `${outcome.events} events, end ${outcome.endTime}`;
      return { seconds, cpuSeconds, count: outcome.events, result };
    },
  });
  const fleetContainers = sizes.fleetHosts * CONTAINERS_PER_HOST;
  const placements = [
    {
      id: 'basic',
      title: `SchedulingBasic, kubernetes: ${int(sizes.basic.hosts)} hosts, ${int(sizes.basic.containers)} containers`,
      scenario: () => schedulingBasicScenario(sizes.basic),
      expected: sizes.basic.containers,
    },
    {
      id: 'best-fit',
      title: `mixed fleet, best-fit: ${int(sizes.fleetHosts)} hosts, ${int(fleetContainers)} containers`,
      scenario: () => mixedFleetScenario(sizes.fleetHosts, 'best-fit', 'uniform'),
      expected: fleetContainers,
    },
  ];
  const failures = sizes.failures;
  const failureTitle =
    `failures, ${failures.strategy}: ${int(failures.size.hosts)} hosts, ` +
    `${failures.size.services} services × ${failures.size.replicas}, ${failures.duration / DAY} days`;
  return [
    kernelCase('generator', 'generator API', (side) => side.helpers.runGeneratorModel(sizes.kernel, seed, side.kernel)),
    kernelCase('callback', 'callback API (reschedule)', (side) =>
      side.helpers.runCallbackModel(sizes.kernel, seed, true, side.kernel),
    ),
    kernelCase('callback-schedule', 'callback API (schedule)', (side) =>
      side.helpers.runCallbackModel(sizes.kernel, seed, false, side.kernel),
    ),
    ...placements.map(
      (p): AbCase => ({
        id: p.id,
        title: p.title,
        unit: 'placements',
        run(side) {
          const run = side.helpers.runPlacement(p.scenario(), p.expected, { cluster: side.cluster });
          return {
            seconds: run.seconds,
            cpuSeconds: run.cpuSeconds,
            count: run.events,
            result:
              `${run.events} placed in ${run.attempts} attempts on ${run.hostsUsed} hosts, ` +
              `${run.clusterEvents} events, end ${run.endTime}`,
          };
        },
        verify(side) {
          const digest = new EventDigest();
          side.helpers.runPlacement(p.scenario(), p.expected, { cluster: side.cluster, onEvent: digest.listen });
          return digest.summary();
        },
      }),
    ),
    {
      id: 'failures',
      title: failureTitle,
      unit: 'cluster events',
      run(side) {
        const run = side.helpers.runFailureScenario(failures, { cluster: side.cluster, kernel: side.kernel });
        const crashes = createHash('sha256').update(run.failureLog).digest('hex').slice(0, 16);
        return {
          seconds: run.runSeconds,
          cpuSeconds: run.runCpuSeconds,
          count: run.runEvents,
          result:
            `${run.runEvents} events; ${run.hostFailures} host failures (log sha256 ${crashes}); ` +
            `${run.placed} placed in ${run.attempts} attempts; ${run.moved} moved, ${run.lost} lost, ` +
            `${run.outages} outages; all replicas up ${run.full}`,
        };
      },
      verify(side) {
        const digest = new EventDigest();
        side.helpers.runFailureScenario(failures, {
          cluster: side.cluster,
          kernel: side.kernel,
          onEvent: digest.listen,
        });
        return digest.summary();
      },
    },
  ];
}
