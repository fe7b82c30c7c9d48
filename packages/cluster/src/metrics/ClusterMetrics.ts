/**
 * One point of a metric over time: the mean of the signal over the sampling interval that ends at
 * `at` (ms), so that Σ value × interval equals the exact integral of the signal.
 */
export interface SeriesPoint {
  /** End of the interval, in simulated ms; the interval starts at the previous point (or the window start). */
  readonly at: number;
  /** Time-weighted mean of the signal over the interval, in the unit of the series. */
  readonly value: number;
}

/** A per-resource quantity, as fractions of the cluster's total capacity of that resource (0..1). */
export interface ResourceMetric {
  /** Time-weighted mean over the window, as a fraction of cluster capacity. */
  readonly timeWeightedMean: number;
  /** Value when the report was taken, as a fraction of cluster capacity. */
  readonly atEnd: number;
  /** Largest value held at any instant of the window, as a fraction of cluster capacity. */
  readonly peak: number;
  /** Interval means as fractions of cluster capacity, one point per `sampleEvery` ms (plus a final partial interval). */
  readonly series: readonly SeriesPoint[];
}

/**
 * The figures of one run, as plain JSON-serialisable data with a stable key order (resources in the
 * simulation's resource order: cpu, memory, gpu, then extended resources). Statistics cover the
 * window from the collector's creation to the report; a statistic with no data is `null`.
 */
export interface ClusterMetrics {
  /** The observation window, in simulated ms. */
  readonly window: { readonly from: number; readonly to: number; readonly sampleEvery: number };
  /** Hosts with at least one bound container ("used"), whatever their state. Counts of hosts. */
  readonly hosts: {
    /** Hosts in the cluster. */
    readonly total: number;
    /** Hosts used when the report was taken. */
    readonly usedAtEnd: number;
    /** Most hosts used at any instant. */
    readonly peakUsed: number;
    /** Time-weighted mean number of hosts used. */
    readonly timeWeightedUsed: number;
    /** Interval means of the number of hosts used. */
    readonly series: readonly SeriesPoint[];
  };
  /**
   * Total capacity of every host (whatever its state), per resource the cluster has (resources no host
   * has are left out everywhere): cpu in millicores, memory in MiB, gpu and extended resources in units.
   */
  readonly capacity: Readonly<Record<string, number>>;
  /** Requests of bound containers, summed over hosts, per resource (fractions of `capacity`). */
  readonly allocation: Readonly<Record<string, ResourceMetric>>;
  /**
   * Stranded capacity per resource (fractions of `capacity`): free capacity of resource r on ready
   * hosts where r can no longer be used because the host is exhausted in something else — another
   * resource s ≠ r with capacity whose allocated fraction reached `exhaustedAt`, or every container
   * slot (`maxContainers`) taken. Borg's "stranded resources" (Verma et al., EuroSys 2015, §3.2).
   */
  readonly stranded: Readonly<Record<string, ResourceMetric>>;
  /**
   * Pending time (ms, scheduledAt − createdAt) of the containers placed in the window, pinned ones
   * included (0 ms). Percentiles are nearest-rank, within 0.1% (an HDR histogram); count, mean and
   * max are exact. Every statistic but `count` is null when nothing was placed.
   */
  readonly pending: {
    readonly count: number;
    readonly mean: number | null;
    readonly p50: number | null;
    readonly p90: number | null;
    readonly p99: number | null;
    readonly max: number | null;
  };
  /** Containers never placed, counted over every container of the simulation. */
  readonly unplaced: {
    /** Containers still pending when the report was taken. */
    readonly pendingAtEnd: number;
    /** Longest wait so far among those still pending, in ms; null when none is pending. */
    readonly oldestWait: number | null;
    /** Containers that ended (scaled down, failed, evicted from the queue) without ever being placed. */
    readonly withdrawn: number;
  };
  /** The scheduler's work in the window (counts). */
  readonly scheduling: {
    /** Placement attempts by the scheduler (pinned containers bypass it and are not attempts). */
    readonly attempts: number;
    /** Placements that evicted lower-priority containers. */
    readonly preemptions: number;
    /** Containers bound to a host, pinned ones included. */
    readonly placements: number;
  };
  /** What the cluster cost over the window. */
  readonly cost: {
    /** Host-hours of hosts not `down` (powered, hence billed). */
    readonly hostHours: number;
    /** Host-hours of used hosts (at least one container bound). */
    readonly usedHostHours: number;
    /** Σ hourlyCost × hours over hosts not `down`, in the scenario's currency. */
    readonly dollars: number;
    /** Σ hourlyCost × hours over used hosts: the bill if idle hosts were switched off. */
    readonly usedDollars: number;
  };
}
