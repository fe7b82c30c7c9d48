import type { ScenarioInput } from '@berth/cluster';

/** The size of the replay: CloudSim Plus's comparison is 20,000 hosts, 40,000 long-running containers, 50,000 tasks. */
export interface ReplaySize {
  readonly hosts: number;
  /** Long-running containers: replicas of `services` services, all created at time 0. */
  readonly longRunning: number;
  /** Batch tasks: jobs of 100 tasks submitted evenly over the first hour, each running 5 to 30 minutes. */
  readonly batchTasks: number;
}

/** The full size, as CloudSim Plus's figure: 1.3 minutes on a 2-core laptop. */
export const CLOUDSIM_SIZE: ReplaySize = { hosts: 20_000, longRunning: 40_000, batchTasks: 50_000 };

/** Replicas per service, tasks per job. */
export const REPLICAS_PER_SERVICE = 1000;
export const TASKS_PER_JOB = 100;
/** Batch jobs arrive evenly over this span; the horizon leaves room for the last ones to finish. */
const ARRIVAL_SPAN_MS = 3_600_000;
export const REPLAY_HORIZON_MS = 2 * 3_600_000;

/** Shapes of the long-running containers, by service index (cycled): mean 1.875 cpu, 3.75 GiB. */
const SERVICE_SHAPES = [
  { cpu: '500m', memory: '1Gi' },
  { cpu: '1', memory: '2Gi' },
  { cpu: '2', memory: '4Gi' },
  { cpu: '4', memory: '8Gi' },
] as const;

/**
 * The CloudSim Plus comparison as a Berth scenario, first-fit: half the hosts 16 cpu / 64 GiB and half
 * 32 cpu / 128 GiB; long-running containers in services of 1,000 replicas; batch tasks of 1 cpu / 2 GiB
 * in jobs of 100, job j submitted at j × (1 h / jobs), task k of a job running 5 + (k mod 26) minutes.
 * At full size the work asks for about a third of the cpu, so everything is placed at its first attempt.
 * Sizes that are not multiples of 1,000 and 100 round the last service and job down.
 */
export function cloudsimShapeScenario(size: ReplaySize): ScenarioInput {
  const half = Math.floor(size.hosts / 2);
  const hosts: ScenarioInput['hosts'] = [
    { group: 'medium', count: Math.max(1, half), capacity: { cpu: '16', memory: '64Gi' } },
    { group: 'large', count: Math.max(1, size.hosts - half), capacity: { cpu: '32', memory: '128Gi' } },
  ];
  const services: NonNullable<ScenarioInput['services']> = {};
  for (let s = 0, left = size.longRunning; left > 0; s++, left -= REPLICAS_PER_SERVICE) {
    const shape = SERVICE_SHAPES[s % SERVICE_SHAPES.length]!;
    services[`svc${s}`] = {
      replicas: Math.min(REPLICAS_PER_SERVICE, left),
      template: { requests: { cpu: shape.cpu, memory: shape.memory } },
    };
  }
  const jobs: NonNullable<ScenarioInput['jobs']> = {};
  const jobCount = Math.ceil(size.batchTasks / TASKS_PER_JOB);
  for (let j = 0; j < jobCount; j++) {
    const count = Math.min(TASKS_PER_JOB, size.batchTasks - j * TASKS_PER_JOB);
    // One task entry per duration class: tasks k ≡ d (mod 26) of the job run 5 + d minutes.
    const tasks: NonNullable<ScenarioInput['jobs']>[string]['tasks'] = [];
    for (let d = 0; d < 26 && d < count; d++) {
      const n = Math.floor((count - 1 - d) / 26) + 1;
      tasks.push({ count: n, requests: { cpu: '1', memory: '2Gi' }, duration: `${5 + d}m` });
    }
    jobs[`job${j}`] = { submitAt: Math.floor((j * ARRIVAL_SPAN_MS) / jobCount), tasks };
  }
  return {
    name: 'cloudsim-shape',
    horizon: REPLAY_HORIZON_MS,
    scheduler: { strategy: 'first-fit' },
    hosts,
    services,
    jobs,
  };
}
