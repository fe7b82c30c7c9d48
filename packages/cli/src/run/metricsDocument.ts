import type { AvailabilityReport, ClusterMetrics, TrafficMetrics } from '@berth/cluster';

/**
 * A run's figures as one JSON object, as `berth run --json` prints it and a report's metrics.json holds it:
 * the cluster metrics, then `availability`, then `traffic` when the scenario has requests.
 */
export function metricsDocument(
  metrics: ClusterMetrics,
  availability: AvailabilityReport | undefined,
  traffic: TrafficMetrics | null | undefined,
): object {
  const withAvailability = availability === undefined ? metrics : { ...metrics, availability };
  return traffic === null || traffic === undefined ? withAvailability : { ...withAvailability, traffic };
}
