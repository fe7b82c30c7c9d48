import { type Clock, LatencyHistogram, type LatencySummary, TimeWeighted } from '@berth/kernel';
import { FAILURE_CAUSES, type FailureCause } from './FailureCause.js';
import type { ServicePort } from './ServicePort.js';

/** What happened to the requests of one load source or one request type. */
export interface RequestFigures {
  /** Requests sent (first tries; retries are counted apart). */
  readonly sent: number;
  readonly succeeded: number;
  /** Requests that failed for good, by cause. */
  readonly failed: Readonly<Record<FailureCause, number>>;
  /** Retries sent. */
  readonly retries: number;
  /** Requests sent and not answered yet (counted as they come and go, not derived from the other counts). */
  readonly inFlight: number;
  /**
   * Time-average of `inFlight` since the simulation started: L in Little's law, L = λW, where λ is
   * the rate of requests sent and W their mean time from the first try to success or final failure.
   */
  readonly meanInFlight: number;
  /** Time from the first try to the answer of the requests that succeeded, ms. */
  readonly latency: LatencySummary;
}

/**
 * Counters, a latency histogram and the requests in flight over time for one group of requests; kept
 * incrementally (nothing allocated per request), read with `figures`. Record each request once with
 * {@link send}, then once with {@link succeed} or {@link fail}.
 */
export class RequestCounters {
  retries = 0;
  readonly failed = new Float64Array(FAILURE_CAUSES.length);
  readonly latency = new LatencyHistogram();
  private sentCount = 0;
  private succeededCount = 0;
  /** Requests in flight, as a signal over simulated time. */
  private readonly flying: TimeWeighted;

  /** Starts counting at `clock.now` (the simulation's start). */
  constructor(clock: Clock) {
    this.flying = new TimeWeighted(clock);
  }

  /** Requests sent (first tries). */
  get sent(): number {
    return this.sentCount;
  }

  get succeeded(): number {
    return this.succeededCount;
  }

  /** A request was sent (its first try). */
  send(): void {
    this.sentCount += 1;
    this.flying.add(1);
  }

  /** A request was answered, `latency` ms after it was sent. */
  succeed(latency: number): void {
    this.succeededCount += 1;
    this.latency.record(latency);
    this.flying.add(-1);
  }

  /** A request failed for good. */
  fail(cause: FailureCause): void {
    this.failed[FAILURE_CAUSES.indexOf(cause)]! += 1;
    this.flying.add(-1);
  }

  figures(): RequestFigures {
    const failed = {} as Record<FailureCause, number>;
    FAILURE_CAUSES.forEach((cause, i) => {
      failed[cause] = this.failed[i]!;
    });
    return {
      sent: this.sentCount,
      succeeded: this.succeededCount,
      failed,
      retries: this.retries,
      inFlight: this.flying.current,
      meanInFlight: this.flying.mean(),
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
  /** The ports it is exposed on, node ports settled (given or allocated); only when the scenario declares ports. */
  readonly ports?: readonly ServicePort[];
  /** Cpu its replicas spent serving requests since the run began, millicore-ms (the time integral of their cpu in use). */
  readonly cpuMs: number;
  /** Cpu its ready replicas requested since the run began, millicore-ms (the integral of their cpu requests while ready). */
  readonly requestedCpuMs: number;
}

/** A run's traffic figures: per load source (what clients saw), per request type, per service. */
export interface TrafficReport {
  readonly sources: Readonly<Record<string, RequestFigures>>;
  readonly requests: Readonly<Record<string, RequestFigures>>;
  readonly services: Readonly<Record<string, ServiceFigures>>;
}
