import type {
  AutoscalingMetrics,
  AvailabilityReport,
  ClusterMetrics,
  NodeScalingReport,
  TrafficMetrics,
} from '@berth/cluster';

/** The parts of a run's figures besides the cluster metrics; each absent (or null) when the run has none. */
export interface RunFigures {
  readonly availability?: AvailabilityReport | undefined;
  readonly traffic?: TrafficMetrics | null | undefined;
  readonly autoscaling?: AutoscalingMetrics | null | undefined;
  readonly nodeScaling?: NodeScalingReport | null | undefined;
}

/**
 * A run's figures as one JSON object, as `berth run --json` prints it and a report's metrics.json holds it:
 * the cluster metrics, then `availability`, then `traffic` when the scenario has requests, `autoscaling`
 * when it has autoscalers and `nodeScaling` when it has node groups or a provisioner.
 */
export function metricsDocument(metrics: ClusterMetrics, figures: RunFigures): object {
  const out: Record<string, unknown> = { ...metrics };
  for (const key of ['availability', 'traffic', 'autoscaling', 'nodeScaling'] as const) {
    const part = figures[key];
    if (part !== null && part !== undefined) out[key] = part;
  }
  return out;
}
