/** One change of a service's replica count by its autoscaler (an `autoscaler.scaled` event). */
export interface ScalingRecord {
  readonly at: number;
  readonly from: number;
  readonly to: number;
  /** The metric that drove it (`cpu above target`) or `all metrics below target`. */
  readonly reason: string;
  /** What bounded it: kube's ScalingLimited reasons (`DesiredWithinRange`, `ScaleUpLimit`, ...). */
  readonly limit: string;
}

/**
 * A scale-up, from the autoscaler's first increase to the moment enough replicas are ready: the
 * reaction time users feel once the metrics have noticed a load step.
 */
export interface ScaleUpRecord {
  /** The first increase (consecutive increases count as one scale-up). */
  readonly startedAt: number;
  /** The highest count asked for before the replicas caught up. */
  readonly target: number;
  /** When that many replicas were ready; null when they never were (or a scale-down came first). */
  readonly readyAt: number | null;
  /** `readyAt − startedAt`, ms; null with readyAt. */
  readonly durationMs: number | null;
}

/**
 * A load step: the offered load rose so that the service's ready replicas were no longer enough
 * (fewer than the replicas its HPA's targets imply for that load: ⌈load / (target per replica ×
 * (1 + tolerance))⌉ over its metrics of offered load, within min and max replicas), and the time until enough were ready — the time users wait for the autoscaler,
 * from the load step itself rather than from the scale-up decision.
 */
export interface LoadStepRecord {
  /** When the replicas the load needed rose above the ready ones, simulated ms. */
  readonly at: number;
  /** Ready replicas then. */
  readonly ready: number;
  /** The most replicas the load needed before enough were ready. */
  readonly enough: number;
  /** When enough were ready (more replicas, or less load); null when not by the end. */
  readonly enoughAt: number | null;
  /** `enoughAt − at`, ms; null with enoughAt. */
  readonly durationMs: number | null;
}

/** A point of the replicas-over-time series: the desired count and the ready replicas from `at` on. */
export interface ReplicaPoint {
  readonly at: number;
  readonly desired: number;
  readonly ready: number;
}

/** One autoscaled service over the window. */
export interface ServiceAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** The desired count: its time-weighted mean, lowest and highest over the window. */
  readonly replicas: { readonly mean: number; readonly min: number; readonly max: number };
  readonly scaleUps: number;
  readonly scaleDowns: number;
  /** Every change, in order. */
  readonly scalings: readonly ScalingRecord[];
  /** Every scale-up with its time to enough ready replicas. */
  readonly reactions: readonly ScaleUpRecord[];
  /** Mean and longest time from a scale-up's start to enough ready replicas, ms; null without one. */
  readonly timeToScale: { readonly mean: number | null; readonly max: number | null };
  /** Desired and ready replicas over time: a point at every change. */
  readonly series: readonly ReplicaPoint[];
  /** Every load step with its time to enough ready replicas; null when the offered load is not known (see `loadStepsUnknown`). */
  readonly loadSteps: readonly LoadStepRecord[] | null;
  /** Mean and longest time from a load step to enough ready replicas, ms; null without a step that got there. */
  readonly timeToEnough: { readonly mean: number | null; readonly max: number | null };
  /** Why load steps are not measured (no metric of offered load, or a rate not known in closed form); null when they are. */
  readonly loadStepsUnknown: string | null;
}

/** What the autoscalers did in a run, per autoscaled service; plain JSON data. */
export interface AutoscalingMetrics {
  readonly window: { readonly from: number; readonly to: number };
  readonly services: Readonly<Record<string, ServiceAutoscaling>>;
}
