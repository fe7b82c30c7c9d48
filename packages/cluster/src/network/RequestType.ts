import type { Distribution } from '@berth/kernel';
import type { LoadBalancingPolicy } from './LoadBalancingPolicy.js';
import type { RetryPolicy } from './RetryPolicy.js';

/** A call a request makes to another request type, and the balancing its caller's proxy uses for it. */
export interface Call {
  readonly request: string;
  /**
   * The policy the calling replica's proxy (a sidecar, an ingress) picks the callee's replica with, per
   * request; null: the callee service's own `balancing` (kube-proxy's, by default).
   */
  readonly balancing: LoadBalancingPolicy<unknown> | null;
}

/**
 * A kind of request a service answers, in the simulation's units: which service serves it, how long a
 * replica works on it, which other request types it calls (one after the other, once its own work is
 * done, holding its slot meanwhile, as a thread-per-request server does), how long its client waits,
 * how it retries, and the cpu it keeps busy while served.
 */
export interface RequestType {
  readonly name: string;
  readonly service: string;
  /** A replica's own work on one request, ms. */
  readonly serviceTime: Distribution;
  /** Request types called in order after the local work; the response waits for each. */
  readonly calls: readonly Call[];
  /** The client gives up after this long, ms (Infinity: never). Each attempt has its own timeout. */
  readonly timeoutMs: number;
  readonly retry: RetryPolicy | null;
  /** Millicores a replica spends while working on one request (not while waiting on its calls). */
  readonly cpu: number;
}
