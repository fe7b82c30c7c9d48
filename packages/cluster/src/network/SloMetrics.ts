import type { SloSpec } from '../scenario/sloSchema.js';

/** How one service kept its service-level objective over the window (see SloCollector). */
export interface ServiceSloFigures {
  /** The objective, as the scenario declares it (durations in ms). */
  readonly objective: SloSpec;
  /** Windows judged: those in which at least one of the service's requests finished (answered or failed). */
  readonly windows: number;
  /** Windows in violation: breaking the latency objective, the error objective, or both. */
  readonly violations: number;
  /** Windows whose latency percentile was above the threshold. */
  readonly latencyViolations: number;
  /** Windows whose failed requests were above the error ratio. */
  readonly errorViolations: number;
  /** Length of the windows in violation, minutes (a last, partial window counts its own length). */
  readonly violationMinutes: number;
  /** Requests the service answered. */
  readonly answered: number;
  /** Requests to the service that failed for good. */
  readonly failed: number;
  /** Answered requests slower than the latency threshold; null without a latency objective. */
  readonly overThreshold: number | null;
  /** `overThreshold` over `answered`; null without a latency objective or without answers. */
  readonly overThresholdFraction: number | null;
  /** `failed` over the requests that finished (answered + failed); null when none did. */
  readonly errorFraction: number | null;
  /** When it was in violation: runs of consecutive violating windows, simulated ms, in order. */
  readonly spans: ReadonlyArray<{ readonly from: number; readonly to: number }>;
}

/** How each service with an objective kept it, as plain JSON data, over the window from the collector's creation. */
export interface SloMetrics {
  readonly window: { readonly from: number; readonly to: number };
  readonly services: Readonly<Record<string, ServiceSloFigures>>;
}
