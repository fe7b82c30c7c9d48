import type { ContainerSpec } from '../containers/Container.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';

/** Kubernetes' Job default `backoffLimit`: retries before a job gives up. */
export const DEFAULT_BACKOFF_LIMIT = 6;

/** A scenario job as the controller runs it: its tasks, each submitted at its own time. */
export interface JobPlan {
  readonly name: string;
  readonly submitAt: number;
  readonly backoffLimit: number;
  /** Every task container, with the absolute time it is submitted. */
  readonly tasks: ReadonlyArray<{ readonly at: number; readonly spec: ContainerSpec }>;
}

interface JobProgress {
  readonly total: number;
  succeeded: number;
  readonly submitAt: number;
  over: boolean;
}

/**
 * Kubernetes' Job controller: submits a job's task containers, retries a task that failed or was
 * evicted (as `<task>-retry<n>`) until the job's failures pass its backoff limit (`job.failed`,
 * BackoffLimitExceeded), and reports `job.completed` when every task has succeeded. Containers
 * submitted with a `job` name that is no scenario job are retried under `defaultBackoffLimit`.
 *
 * Hears the end of a job's container: `container.succeeded`, `container.failed`, `container.evicted`.
 */
export class JobController {
  private readonly failures = new Map<string, number>();
  private readonly progress = new Map<string, JobProgress>();
  private readonly limits = new Map<string, number>();

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly jobs: readonly JobPlan[],
    private readonly defaultBackoffLimit: number = DEFAULT_BACKOFF_LIMIT,
  ) {
    for (const job of jobs) {
      this.progress.set(job.name, { total: job.tasks.length, succeeded: 0, submitAt: job.submitAt, over: false });
      this.limits.set(job.name, job.backoffLimit);
    }
  }

  /** Puts every task's submission on the agenda, job by job, task by task. */
  start(): void {
    const env = this.rt.env;
    for (const job of this.jobs) {
      for (const { at, spec } of job.tasks) env.schedule(at - env.now, () => this.rt.submit(spec));
    }
  }

  /** The event types {@link handle} reacts to: it hears no other. */
  readonly hears: readonly ClusterEventType[] = ['container.succeeded', 'container.failed', 'container.evicted'];

  /** The controller's reaction to an event. */
  readonly handle = (event: ClusterEvent): void => {
    switch (event.type) {
      case 'container.succeeded':
        this.succeeded(event.container);
        return;
      case 'container.failed':
      case 'container.evicted':
        this.retry(event.container);
        return;
      default:
    }
  };

  private succeeded(name: string): void {
    const job = this.rt.container(name)?.spec.job;
    const progress = job === undefined ? undefined : this.progress.get(job);
    if (progress === undefined || progress.over || ++progress.succeeded !== progress.total) return;
    progress.over = true;
    this.rt.emit({
      at: this.rt.env.now,
      type: 'job.completed',
      job: job!,
      durationMs: this.rt.env.now - progress.submitAt,
      retries: this.failures.get(job!) ?? 0,
    });
  }

  private retry(name: string): void {
    const container = this.rt.container(name);
    const job = container?.spec.job;
    if (container === undefined || job === undefined) return;
    const failures = (this.failures.get(job) ?? 0) + 1;
    this.failures.set(job, failures);
    if (failures > (this.limits.get(job) ?? this.defaultBackoffLimit)) {
      const progress = this.progress.get(job);
      if (progress !== undefined && !progress.over) {
        progress.over = true;
        this.rt.emit({ at: this.rt.env.now, type: 'job.failed', job, reason: 'BackoffLimitExceeded', failures });
      }
      return;
    }
    const base = container.name.replace(/-retry\d+$/, '');
    this.rt.submit({ ...container.spec, name: `${base}-retry${failures}` });
  }
}
