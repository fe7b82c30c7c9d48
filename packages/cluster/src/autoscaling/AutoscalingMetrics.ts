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
}

/** What the autoscalers did in a run, per autoscaled service; plain JSON data. */
export interface AutoscalingMetrics {
  readonly window: { readonly from: number; readonly to: number };
  readonly services: Readonly<Record<string, ServiceAutoscaling>>;
}
