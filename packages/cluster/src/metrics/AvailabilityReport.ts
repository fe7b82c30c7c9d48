/** Count, mean and maximum of a set of durations (ms); mean and max are null when there are none. */
export interface DurationStats {
  readonly count: number;
  readonly total: number;
  readonly mean: number | null;
  readonly max: number | null;
}

/**
 * A service's availability over the report window. A replica is *available* when the control plane
 * counts it ready (`container.ready`, not yet `container.unready`) and its process has not died with
 * its host (`container.lost`) since: a lost replica stops serving at once, though the control plane
 * lists it until it notices. `D` is the desired replica count (`sim.desired.services[name].replicas`,
 * following `desired.changed`), `A` the number of available replicas.
 */
export interface ServiceAvailability {
  /** Fraction of the window with every desired replica available (A ≥ D); null for an empty window. */
  readonly full: number | null;
  /** Fraction of the window with at least one replica available, or none desired (A ≥ 1 or D = 0). */
  readonly any: number | null;
  /** Time-weighted mean of min(A, D) / D, counting 1 while D = 0. */
  readonly replicaFraction: number | null;
  /**
   * Time to detect: for each available replica lost with its host, from `container.lost` to the
   * control plane marking it unready (`container.unready`). Losses the host's recovery undid before
   * anyone noticed are not counted.
   */
  readonly timeToDetect: DurationStats;
  /**
   * Time to recover: an outage starts when an available replica stops being available for a reason
   * other than being stopped on purpose (scale-down, rollout: `container.terminating` came first) and
   * that leaves A < D; it ends at the first instant A ≥ D again. One sample per outage that ended.
   */
  readonly timeToRecover: DurationStats;
  /** Start of the outage still going on at the end of the window, or null. */
  readonly degradedSince: number | null;
  /** `container.lost` events: processes that died with their host (or were killed when a partition healed). */
  readonly lost: number;
  /** `container.evicted` events: replicas the control plane removed (host not ready, preemption, ...). */
  readonly evicted: number;
  /**
   * Replacement placements: each eviction, or failure of a placed replica that was not stopped on
   * purpose, owes one; each `container.scheduled` of the service while one is owed pays it and counts.
   * The benchmark's "containers moved".
   */
  readonly rescheduled: number;
  /** Process restarts: every `container.running` of a container that had run before (crash loops, host reboots). */
  readonly restarts: number;
  readonly desiredAtEnd: number;
  readonly availableAtEnd: number;
}

/**
 * Failures of a host group's hosts over the report window. A failure is a `host.crashed`, a repair the
 * matching `host.recovered`. Partitions are counted apart: the host keeps running.
 */
export interface HostGroupAvailability {
  readonly hosts: number;
  readonly failures: number;
  readonly partitions: number;
  /** Mean time between failures per host: the hosts' total up time / failures; null without failures. */
  readonly mtbf: number | null;
  /** Mean time to repair: the mean of completed crash-to-recovery times; null without any. */
  readonly mttr: number | null;
  /** MTBF / (MTBF + MTTR), as CloudSim Plus's HostFaultInjection computes availability; 1 without failures. */
  readonly availability: number | null;
  /** Up time / (up + down time) of the group's hosts, measured. */
  readonly measuredAvailability: number | null;
  /**
   * CloudSim Plus's host MTBF (HostFaultInjection.meanTimeBetweenHostFaultsInMinutes, here in ms): the
   * group's fault times pooled and sorted, (last − first) / number of faults. It shrinks as the group
   * grows; `mtbf` is the per-host figure.
   */
  readonly meanTimeBetweenFaults: number | null;
  /** From `host.crashed` or `host.partitioned` to `host.state` not-ready; silences that ended first are not counted. */
  readonly timeToDetect: DurationStats;
}

/** One rolling update of a service. */
export interface RolloutRecord {
  readonly service: string;
  readonly revision: number;
  readonly startedAt: number;
  /** From `rollout.completed`; null while it runs (or if it never completes). */
  readonly durationMs: number | null;
  /** The controller's fewest ready replicas during the rollout (`rollout.completed.minReady`). */
  readonly minReady: number | null;
  /** The fewest *available* replicas (see ServiceAvailability) from start to completion, or to now. */
  readonly minAvailable: number;
  /** True once `rollout.stalled` was seen (the progress deadline passed). */
  readonly stalled: boolean;
}

/** Availability figures of a run: per service, per host group, per rollout. Times in ms. */
export interface AvailabilityReport {
  readonly window: { readonly from: number; readonly to: number };
  readonly services: Readonly<Record<string, ServiceAvailability>>;
  readonly hostGroups: Readonly<Record<string, HostGroupAvailability>>;
  readonly rollouts: readonly RolloutRecord[];
}
