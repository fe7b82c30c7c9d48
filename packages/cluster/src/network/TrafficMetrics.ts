import type { FailureCause } from './FailureCause.js';

/** Latency of the requests that succeeded, ms, from the first try to the answer; null where none did. */
export interface LatencyFigures {
  readonly count: number;
  readonly mean: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly p999: number | null;
  readonly max: number | null;
}

/** What happened to one group of requests (a load source's, or those one service answered) in the window. */
export interface TrafficFigures {
  /** Requests sent: first tries (retries are counted apart). */
  readonly sent: number;
  readonly succeeded: number;
  /** Requests that failed for good, by cause, every cause listed. */
  readonly failed: Readonly<Record<FailureCause, number>>;
  /** Requests that failed for good, all causes together. */
  readonly failedTotal: number;
  /** Retries sent. */
  readonly retries: number;
  /** Requests sent and not answered when the report was taken. */
  readonly inFlight: number;
  /** Requests that succeeded per second of load (see {@link TrafficMetrics.window}); null without load. */
  readonly throughput: number | null;
  readonly latency: LatencyFigures;
}

/** What one service answered (from load sources and other services' calls), and how evenly its replicas shared it. */
export interface ServiceTrafficFigures extends TrafficFigures {
  /** The request types it answers. */
  readonly requests: readonly string[];
  /** Requests each replica served to the end, by container name, in the order replicas first served. */
  readonly served: Readonly<Record<string, number>>;
  /** Most served by one replica over the mean (1 = perfectly even); null before any was served. */
  readonly imbalance: number | null;
  /** Cpu its replicas spent on requests over the window (`from` to `to`); only with `collectTraffic`'s `cpu` option. */
  readonly cpu?:
    | {
        /** Mean cpu in use, millicores, over the window. */
        readonly mean: number | null;
        /** Cpu used over cpu requested by the ready replicas (time-integrated): what the HPA's cpu metric targets; null when none was ready. */
        readonly utilization: number | null;
      }
    | undefined;
}

/** The requests of every load source together over one sampling interval, which ends at `at`. */
export interface TrafficInterval {
  /** End of the interval, simulated ms; it starts at the previous interval's end (or the window's start). */
  readonly at: number;
  /** Requests the load sources sent (first tries) in the interval. */
  readonly sent: number;
  /** Requests answered in the interval. */
  readonly succeeded: number;
  /** Requests that failed for good in the interval, by cause (the `request.failed` events). */
  readonly failed: Readonly<Record<FailureCause, number>>;
  /**
   * Latency percentiles of the requests answered in the interval, ms; null when none was. In a row
   * merged when a long run outgrew MAX_SERIES_POINTS rows, the larger of its two halves' (an upper bound).
   */
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  /** Requests in flight (sent, not yet answered or failed), time-weighted mean over the interval. */
  readonly inFlight: number;
}

/**
 * A run's traffic as plain JSON data: per load source (what clients saw), per service (what it
 * answered, and the spread over its replicas), and over time. Covers the window from the collector's
 * creation to the report.
 */
export interface TrafficMetrics {
  /**
   * The observation window, simulated ms, and how much of it had load: arrivals stop at the
   * scenario's horizon, so `loadMs` is the window up to the horizon. Throughputs are per second of it.
   */
  readonly window: {
    readonly from: number;
    readonly to: number;
    readonly sampleEvery: number;
    readonly loadMs: number;
  };
  readonly sources: Readonly<Record<string, TrafficFigures>>;
  readonly services: Readonly<Record<string, ServiceTrafficFigures>>;
  /** Every load source together, one entry per `sampleEvery` ms (plus a final partial interval). */
  readonly series: readonly TrafficInterval[];
}
