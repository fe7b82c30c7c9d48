import type { FailureCause } from './FailureCause.js';

/**
 * How a client retries a failed request, after Envoy's route retry policy and retry budget
 * (envoyproxy.io, "Retry semantics" and `RetryPolicy`/`RetryBudget` in route and cluster config):
 * - at most `attempts` retries after the first try (Envoy's `num_retries`, 1 when a policy is set);
 * - the n-th retry waits a uniform draw in [0, (2^n − 1) × backoff), capped at `maxBackoff` (Envoy's
 *   fully jittered exponential back-off: base 25 ms, cap 10 × base);
 * - retries in flight stay within `budget` × the requests in flight, but `minConcurrency` retries are
 *   always allowed (Envoy's retry budget: `budget_percent` 20%, `min_retry_concurrency` 3);
 * - only failures whose cause is in `on` are retried.
 */
export interface RetryPolicy {
  readonly attempts: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** Fraction of in-flight requests that may be retries, in [0, 1]. */
  readonly budget: number;
  readonly minConcurrency: number;
  readonly on: readonly FailureCause[];
}

/** Envoy's defaults (see {@link RetryPolicy}). */
export const RETRY_DEFAULTS = {
  attempts: 1,
  backoffMs: 25,
  maxBackoffMs: 250,
  budget: 0.2,
  minConcurrency: 3,
  on: ['timeout', 'queue-full', 'crashed', 'stale-endpoint', 'no-endpoint'],
} as const satisfies RetryPolicy;
