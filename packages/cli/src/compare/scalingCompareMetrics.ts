import type { AutoscalingMetrics, GroupCost, NodeScalingReport, ServiceAutoscaling } from '@berth/cluster';
import type { Better, MetricUnit } from './MetricUnit.js';

/** One scaling figure `berth compare` puts side by side. */
interface ScalingFigure<T> {
  /** Last part of the key; no dot, so that a key can be read back whatever the service's or group's name. */
  readonly figure: string;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly better?: Better;
  readonly read: (figures: T) => number | null;
}

/**
 * Per autoscaled service. The replica counts and the number of scalings have no better side (fewer
 * replicas cost less but serve less); a shorter time to scale is better.
 */
const SERVICE: readonly ScalingFigure<ServiceAutoscaling>[] = [
  { figure: 'replicasMean', label: 'replicas (mean)', unit: 'number', read: (s) => s.replicas.mean },
  { figure: 'replicasMax', label: 'replicas (max)', unit: 'count', read: (s) => s.replicas.max },
  { figure: 'scaleUps', label: 'scale-ups', unit: 'count', read: (s) => s.scaleUps },
  { figure: 'scaleDowns', label: 'scale-downs', unit: 'count', read: (s) => s.scaleDowns },
  {
    figure: 'timeToScaleMean',
    label: 'time to scale (mean)',
    unit: 'ms',
    better: 'lower',
    read: (s) => s.timeToScale.mean,
  },
  {
    figure: 'timeToScaleMax',
    label: 'time to scale (max)',
    unit: 'ms',
    better: 'lower',
    read: (s) => s.timeToScale.max,
  },
  { figure: 'loadSteps', label: 'load steps', unit: 'count', read: (s) => s.loadSteps?.length ?? null },
  {
    figure: 'timeToEnoughMean',
    label: 'load step to enough replicas (mean)',
    unit: 'ms',
    better: 'lower',
    read: (s) => s.timeToEnough.mean,
  },
  {
    figure: 'timeToEnoughMax',
    label: 'load step to enough replicas (max)',
    unit: 'ms',
    better: 'lower',
    read: (s) => s.timeToEnough.max,
  },
];

/** Over all hosts of a scenario with node groups or a provisioner. */
const NODES: readonly ScalingFigure<NodeScalingReport>[] = [
  { figure: 'hostHours', label: 'host-hours billed', unit: 'hours', better: 'lower', read: (r) => r.hostHours },
  { figure: 'cost', label: 'cost', unit: 'money', better: 'lower', read: (r) => r.cost },
  { figure: 'peakHosts', label: 'hosts (peak)', unit: 'count', better: 'lower', read: (r) => r.peakHosts },
  { figure: 'launched', label: 'hosts launched', unit: 'count', read: (r) => r.launched },
  { figure: 'launchFailed', label: 'launches failed', unit: 'count', better: 'lower', read: (r) => r.launchFailed },
  { figure: 'removed', label: 'hosts removed', unit: 'count', read: (r) => r.removed },
  {
    figure: 'scaleDownFailures',
    label: 'scale-downs failed',
    unit: 'count',
    better: 'lower',
    read: (r) => r.scaleDownFailures,
  },
];

/** Per group of hosts (node group, provisioner, static group). */
const GROUP: readonly ScalingFigure<GroupCost>[] = [
  { figure: 'hostHours', label: 'host-hours billed', unit: 'hours', better: 'lower', read: (g) => g.hostHours },
  { figure: 'cost', label: 'cost', unit: 'money', better: 'lower', read: (g) => g.cost },
  { figure: 'launched', label: 'hosts launched', unit: 'count', read: (g) => g.launched },
  { figure: 'removed', label: 'hosts removed', unit: 'count', read: (g) => g.removed },
];

/**
 * The autoscaling figures of one run for `berth compare`, by key `autoscaling.<service>.<figure>`: per
 * autoscaled service, the time-weighted mean and the highest desired replicas, the scale-ups and
 * scale-downs, the mean and longest time from a scale-up to enough ready replicas, the load steps and
 * the mean and longest time from a load step to enough ready replicas.
 */
export function autoscalingCompareMetrics(autoscaling: AutoscalingMetrics): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, service] of Object.entries(autoscaling.services)) {
    for (const f of SERVICE) out[`autoscaling.${name}.${f.figure}`] = f.read(service);
  }
  return out;
}

/**
 * The node-scaling figures of one run for `berth compare`: by key `nodeScaling.<figure>` the host-hours
 * billed, their cost, the peak hosts, the hosts launched, the failed launches, the hosts removed and the
 * failed scale-downs; then by key `nodeScaling.group.<group>.<figure>` each group's host-hours, cost,
 * launches and removals.
 */
export function nodeScalingCompareMetrics(report: NodeScalingReport): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const f of NODES) out[`nodeScaling.${f.figure}`] = f.read(report);
  for (const [name, group] of Object.entries(report.groups)) {
    for (const f of GROUP) out[`nodeScaling.group.${name}.${f.figure}`] = f.read(group);
  }
  return out;
}

/** A key's row title, unit and better side. */
type Described = { readonly label: string; readonly unit: MetricUnit; readonly better?: Better };

function describe<T>(figures: readonly ScalingFigure<T>[], figure: string, prefix: string): Described | undefined {
  const f = figures.find((x) => x.figure === figure);
  if (f === undefined) return undefined;
  const label = `${prefix}${f.label}`;
  return f.better === undefined ? { label, unit: f.unit } : { label, unit: f.unit, better: f.better };
}

/**
 * The row title and unit of a key {@link autoscalingCompareMetrics} or {@link nodeScalingCompareMetrics}
 * made, or undefined for any other key.
 */
export function describeScalingMetric(key: string): Described | undefined {
  const service = /^autoscaling\.(.+)\.([^.]+)$/.exec(key);
  if (service !== null) return describe(SERVICE, service[2]!, `autoscaled ${service[1]}: `);
  const group = /^nodeScaling\.group\.(.+)\.([^.]+)$/.exec(key);
  if (group !== null) return describe(GROUP, group[2]!, `host group ${group[1]}: `);
  const nodes = /^nodeScaling\.([^.]+)$/.exec(key);
  if (nodes !== null) return describe(NODES, nodes[1]!, 'node scaling: ');
  return undefined;
}
