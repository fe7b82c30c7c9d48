/**
 * SwarmKit's lookback for counting a service's task failures on a node (moby/swarmkit
 * manager/scheduler/scheduler.go `monitorFailures = 5 * time.Minute`).
 */
export const MONITOR_FAILURES_MS = 5 * 60_000;

/**
 * SwarmKit's `maxFailures = 5`: a node with at least this many recent failures of the service is
 * ranked by its failure count before anything else (`nodeLess`).
 */
export const MAX_FAILURES = 5;

/**
 * When each owner (a service revision or a job) last failed on each host: SwarmKit's
 * `NodeInfo.recentFailures`, keyed like its `versionedService` (a service and its spec version).
 * Failures older than {@link MONITOR_FAILURES_MS} are dropped as new ones come, as SwarmKit's
 * `taskFailed` drops expired ones, so the book stays small.
 */
export class TaskFailures {
  /** host id → owner key → failure times, oldest first. */
  private readonly byHost = new Map<number, Map<string, number[]>>();

  /** Records a failure of `owner` on host `hostId` at `at` (ms). */
  record(hostId: number, owner: string, at: number): void {
    let owners = this.byHost.get(hostId);
    if (owners === undefined) {
      owners = new Map();
      this.byHost.set(hostId, owners);
    }
    const times = owners.get(owner);
    if (times === undefined) {
      owners.set(owner, [at]);
      return;
    }
    let expired = 0;
    while (expired < times.length && at - times[expired]! >= MONITOR_FAILURES_MS) expired++;
    if (expired > 0) times.splice(0, expired);
    times.push(at);
  }

  /**
   * Failures of `owner` on host `hostId` within the lookback before `now`: SwarmKit's
   * `countRecentFailures`, which drops a failure only when it is more than 5 minutes old.
   */
  count(hostId: number, owner: string, now: number): number {
    const times = this.byHost.get(hostId)?.get(owner);
    if (times === undefined) return 0;
    let n = 0;
    for (let i = times.length - 1; i >= 0 && now - times[i]! <= MONITOR_FAILURES_MS; i--) n++;
    return n;
  }

  /** True when no failure was ever recorded (placement then skips the rule at no cost). */
  get empty(): boolean {
    return this.byHost.size === 0;
  }
}

/** The owner a failure is booked under: the service and its revision, or the job; undefined for a lone container. */
export function failureOwner(container: {
  readonly service: string | undefined;
  readonly job?: string | undefined;
  readonly revision?: number | undefined;
}): string | undefined {
  if (container.service !== undefined) return `service:${container.service}#${container.revision ?? 0}`;
  if (container.job !== undefined) return `job:${container.job}`;
  return undefined;
}
