import type { FailureCause } from './FailureCause.js';

/**
 * Hears the request outcomes that are too many to be events: each request a load source sends and
 * each request answered. (Failures for good are `request.failed` events.) A metrics collector's hook,
 * given to `sim.observeTraffic`; it must not change the simulation, only count.
 */
export interface TrafficObserver {
  /** A load source sent a request (its first try) at the current time. */
  sent(source: string): void;
  /**
   * A request was answered at the current time, `latencyMs` after its first try: of request type
   * `request`, from load source `source`, or a call one service made to another (`source` null).
   */
  answered(request: string, source: string | null, latencyMs: number): void;
  /**
   * A request failed for good (after its retries) at the current time, for `cause`: of request type
   * `request`, from load source `source` (then a `request.failed` event follows), or a call one
   * service made to another (`source` null). Optional: an observer of answers alone leaves it out.
   */
  failed?(request: string, source: string | null, cause: FailureCause): void;
}
