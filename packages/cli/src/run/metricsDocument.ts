import type { AutoscalingMetrics, AvailabilityReport, ClusterMetrics, TrafficMetrics } from '@berth/cluster';

/**
 * A run's figures as one JSON object, as `berth run --json` prints it and a report's metrics.json holds it:
 * the cluster metrics, then `availability`, then `traffic` when the scenario has requests and `autoscaling`
 * when it has autoscalers.
 */
export function metricsDocument(
  metrics: ClusterMetrics,
  availability: AvailabilityReport | undefined,
  traffic: TrafficMetrics | null | undefined,
  autoscaling?: AutoscalingMetrics | null | undefined,
): object {
  return {
    ...metrics,
    ...(availability === undefined ? {} : { availability }),
    ...(traffic === null || traffic === undefined ? {} : { traffic }),
    ...(autoscaling === null || autoscaling === undefined ? {} : { autoscaling }),
  };
}
