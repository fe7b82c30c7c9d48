import { LatencyHistogram, type LatencySummary } from '@berth/kernel';
import { FAILURE_CAUSES, type FailureCause } from './FailureCause.js';

/** What happened to the requests of one load source or one request type. */
export interface RequestFigures {
  /** Requests sent (first tries; retries are counted apart). */
  readonly sent: number;
  readonly succeeded: number;
  /** Requests that failed for good, by cause. */
  readonly failed: Readonly<Record<FailureCause, number>>;
  /** Retries sent. */
  readonly retries: number;
  /** Requests sent and not answered yet. */
  readonly inFlight: number;
  /** Time from the first try to the answer of the requests that succeeded, ms. */
  readonly latency: LatencySummary;
}

/** Counters and a latency histogram for one group of requests; kept incrementally, read with `figures`. */
export class RequestCounters {
  sent = 0;
  succeeded = 0;
  retries = 0;
  readonly failed = new Float64Array(FAILURE_CAUSES.length);
  readonly latency = new LatencyHistogram();

  fail(cause: FailureCause): void {
    this.failed[FAILURE_CAUSES.indexOf(cause)]! += 1;
  }

  figures(): RequestFigures {
    const failed = {} as Record<FailureCause, number>;
    let failures = 0;
    FAILURE_CAUSES.forEach((cause, i) => {
      failed[cause] = this.failed[i]!;
      failures += this.failed[i]!;
    });
    return {
      sent: this.sent,
      succeeded: this.succeeded,
      failed,
      retries: this.retries,
      inFlight: this.sent - this.succeeded - failures,
      latency: this.latency.summary(),
    };
  }
}

/** How evenly a service's replicas were loaded. */
export interface ServiceFigures {
  /** Requests each replica served to the end, by container name, in the order replicas first served. */
  readonly served: Readonly<Record<string, number>>;
  /** Most served by one replica over the mean (1 = perfectly even); NaN before any was served. */
  readonly imbalance: number;
}

/** A run's traffic figures: per load source (what clients saw), per request type, per service. */
export interface TrafficReport {
  readonly sources: Readonly<Record<string, RequestFigures>>;
  readonly requests: Readonly<Record<string, RequestFigures>>;
  readonly services: Readonly<Record<string, ServiceFigures>>;
}
