import type {
  AutoscalingMetrics,
  AvailabilityReport,
  ClusterMetrics,
  FunctionReport,
  NodeScalingReport,
  SloMetrics,
  TrafficMetrics,
} from '@berth/cluster';
import type { GpuModelSummary } from '../format/formatGpuSummary.js';

/** The parts of a run's figures besides the cluster metrics; each absent (or null) when the run has none. */
export interface RunFigures {
  readonly availability?: AvailabilityReport | undefined;
  readonly traffic?: TrafficMetrics | null | undefined;
  readonly slo?: SloMetrics | null | undefined;
  readonly autoscaling?: AutoscalingMetrics | null | undefined;
  readonly nodeScaling?: NodeScalingReport | null | undefined;
  readonly functions?: FunctionReport | null | undefined;
  /** GPU devices at the end, per model; an empty list (no host declares GPUs) is left out. */
  readonly gpus?: readonly GpuModelSummary[] | undefined;
}

/**
 * A run's figures as one JSON object, as `berth run --json` prints it and a report's metrics.json holds it:
 * the cluster metrics, then `availability`, then `traffic` when the scenario has requests, `slo` when a
 * service declares an objective, `autoscaling` when it has autoscalers, `nodeScaling` when it has node
 * groups or a provisioner, `functions` when it has functions, and `gpus` when its hosts declare GPU devices.
 */
export function metricsDocument(metrics: ClusterMetrics, figures: RunFigures): object {
  const out: Record<string, unknown> = { ...metrics };
  for (const key of ['availability', 'traffic', 'slo', 'autoscaling', 'nodeScaling', 'functions'] as const) {
    const part = figures[key];
    if (part !== null && part !== undefined) out[key] = part;
  }
  if (figures.gpus !== undefined && figures.gpus.length > 0) out.gpus = figures.gpus;
  return out;
}
