import type {
  AutoscalingMetrics,
  AvailabilityReport,
  ClusterMetrics,
  NodeScalingReport,
  ServiceAvailability,
  SloMetrics,
  TrafficMetrics,
} from '@berth/cluster';
import { outagesOf } from '../format/formatAvailability.js';
import type { CompareRun } from './CompareRun.js';
import { describeFunctionMetric } from './functionCompareMetrics.js';
import { describeGpuMetric } from './gpuCompareMetrics.js';
import type { Better, MetricUnit } from './MetricUnit.js';
import {
  autoscalingCompareMetrics,
  describeScalingMetric,
  nodeScalingCompareMetrics,
} from './scalingCompareMetrics.js';
import { describeSloMetric, sloCompareMetrics } from './sloCompareMetrics.js';
import { describeTrafficMetric, trafficCompareMetrics } from './trafficCompareMetrics.js';

/** A figure `berth compare` puts side by side for each strategy. */
export interface CompareMetric {
  /** Key in JSON output and shard files. */
  readonly key: string;
  /** Row title in the table. */
  readonly label: string;
  readonly unit: MetricUnit;
  /** Which way is better, for the figures where one is (the table marks the best mean); none for the others. */
  readonly better?: Better | undefined;
  /** The figure of one run; null when the run has none (nothing placed, no such resource). */
  readonly read: (metrics: ClusterMetrics, availability: AvailabilityReport) => number | null;
}

/** The key figures of a comparison, in table order. */
export const COMPARE_METRICS: readonly CompareMetric[] = [
  {
    key: 'hostsUsed',
    label: 'hosts used (time-weighted)',
    unit: 'number',
    better: 'lower',
    read: (m) => m.hosts.timeWeightedUsed,
  },
  { key: 'peakHostsUsed', label: 'hosts used (peak)', unit: 'count', better: 'lower', read: (m) => m.hosts.peakUsed },
  {
    key: 'cpuAllocated',
    label: 'cpu allocated',
    unit: 'fraction',
    read: (m) => m.allocation.cpu?.timeWeightedMean ?? null,
  },
  {
    key: 'memoryAllocated',
    label: 'memory allocated',
    unit: 'fraction',
    read: (m) => m.allocation.memory?.timeWeightedMean ?? null,
  },
  {
    key: 'cpuStranded',
    label: 'cpu stranded',
    unit: 'fraction',
    better: 'lower',
    read: (m) => m.stranded.cpu?.timeWeightedMean ?? null,
  },
  {
    key: 'memoryStranded',
    label: 'memory stranded',
    unit: 'fraction',
    better: 'lower',
    read: (m) => m.stranded.memory?.timeWeightedMean ?? null,
  },
  { key: 'pendingMean', label: 'pending time (mean)', unit: 'ms', better: 'lower', read: (m) => m.pending.mean },
  { key: 'pendingP99', label: 'pending time (p99)', unit: 'ms', better: 'lower', read: (m) => m.pending.p99 },
  { key: 'placements', label: 'placements', unit: 'count', read: (m) => m.scheduling.placements },
  {
    key: 'pendingAtEnd',
    label: 'still pending at end',
    unit: 'count',
    better: 'lower',
    read: (m) => m.unplaced.pendingAtEnd,
  },
  { key: 'preemptions', label: 'preemptions', unit: 'count', better: 'lower', read: (m) => m.scheduling.preemptions },
  ...availabilityFigures(),
  { key: 'usedHostHours', label: 'used host-hours', unit: 'hours', better: 'lower', read: (m) => m.cost.usedHostHours },
  { key: 'dollars', label: 'cost', unit: 'money', better: 'lower', read: (m) => m.cost.dollars },
];

/** Sum of `read` over the run's services; null without services. */
function overServices(a: AvailabilityReport, read: (s: ServiceAvailability) => number): number | null {
  const services = Object.values(a.services);
  return services.length === 0 ? null : services.reduce((sum, s) => sum + read(s), 0);
}

/** The availability figures: how much of the run services had every replica, outages, recoveries, losses. */
function availabilityFigures(): CompareMetric[] {
  const services = (a: AvailabilityReport) => Object.values(a.services);
  return [
    {
      key: 'allReplicasUp',
      label: 'all replicas up (mean of services)',
      unit: 'fraction',
      better: 'higher',
      read: (_, a) => {
        const full = services(a).map((s) => s.full);
        return full.length === 0 || full.some((f) => f === null)
          ? null
          : full.reduce((sum: number, f) => sum + f!, 0) / full.length;
      },
    },
    {
      key: 'worstServiceUp',
      label: 'all replicas up (worst service)',
      unit: 'fraction',
      better: 'higher',
      read: (_, a) => {
        const full = services(a).map((s) => s.full);
        return full.length === 0 || full.some((f) => f === null) ? null : Math.min(...(full as number[]));
      },
    },
    { key: 'outages', label: 'outages', unit: 'count', better: 'lower', read: (_, a) => overServices(a, outagesOf) },
    {
      key: 'recoveryMean',
      label: 'recovery time (mean)',
      unit: 'ms',
      better: 'lower',
      read: (_, a) => {
        const n = overServices(a, (s) => s.timeToRecover.count);
        return n === null || n === 0 ? null : overServices(a, (s) => s.timeToRecover.total)! / n;
      },
    },
    {
      key: 'recoveryWorst',
      label: 'recovery time (worst)',
      unit: 'ms',
      better: 'lower',
      read: (_, a) => {
        const worst = services(a).flatMap((s) => (s.timeToRecover.max === null ? [] : [s.timeToRecover.max]));
        return worst.length === 0 ? null : Math.max(...worst);
      },
    },
    {
      key: 'replicasLost',
      label: 'replicas lost with their host',
      unit: 'count',
      better: 'lower',
      read: (_, a) => overServices(a, (s) => s.lost),
    },
    {
      key: 'rescheduled',
      label: 'replicas rescheduled',
      unit: 'count',
      better: 'lower',
      read: (_, a) => overServices(a, (s) => s.rescheduled),
    },
    {
      key: 'hostFailures',
      label: 'host crashes',
      unit: 'count',
      read: (_, a) => Object.values(a.hostGroups).reduce((sum, g) => sum + g.failures, 0),
    },
  ];
}

/** What a run has beyond the cluster figures, each null or absent when the scenario does not use it. */
export interface ExtraFigures {
  readonly traffic?: TrafficMetrics | null | undefined;
  readonly slo?: SloMetrics | null | undefined;
  readonly autoscaling?: AutoscalingMetrics | null | undefined;
  readonly nodeScaling?: NodeScalingReport | null | undefined;
}

/**
 * The compared figures of one run, by key: those of {@link COMPARE_METRICS}, then, for a scenario with
 * requests, its traffic figures per load source and service (keys `traffic.<source|service>.<name>.<figure>`),
 * for one whose services declare objectives their figures (`slo.<service>.<figure>`),
 * for a scenario with autoscalers its figures per autoscaled service (`autoscaling.<service>.<figure>`), and
 * for one with node groups or a provisioner its node-scaling figures (`nodeScaling.<figure>`,
 * `nodeScaling.group.<group>.<figure>`).
 */
export function readCompareMetrics(
  metrics: ClusterMetrics,
  availability: AvailabilityReport,
  extra: ExtraFigures = {},
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const metric of COMPARE_METRICS) out[metric.key] = metric.read(metrics, availability);
  const { traffic, slo, autoscaling, nodeScaling } = extra;
  if (traffic !== null && traffic !== undefined) Object.assign(out, trafficCompareMetrics(traffic));
  if (slo !== null && slo !== undefined) Object.assign(out, sloCompareMetrics(slo));
  if (autoscaling !== null && autoscaling !== undefined) Object.assign(out, autoscalingCompareMetrics(autoscaling));
  if (nodeScaling !== null && nodeScaling !== undefined) Object.assign(out, nodeScalingCompareMetrics(nodeScaling));
  return out;
}

/** A compared figure's key, row title and unit. */
export type ComparedFigure = Pick<CompareMetric, 'key' | 'label' | 'unit' | 'better'>;

/**
 * The figures a comparison shows, in table order: {@link COMPARE_METRICS}, then the traffic, autoscaling,
 * node-scaling, function and GPU figures the runs have, in the order the runs first give them.
 */
export function comparedFigures(runs: readonly CompareRun[]): ComparedFigure[] {
  const figures: ComparedFigure[] = [...COMPARE_METRICS];
  const seen = new Set(figures.map((f) => f.key));
  for (const run of runs) {
    for (const key of Object.keys(run.metrics)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const described =
        describeTrafficMetric(key) ??
        describeSloMetric(key) ??
        describeScalingMetric(key) ??
        describeFunctionMetric(key) ??
        describeGpuMetric(key);
      if (described !== undefined) figures.push({ key, ...described });
    }
  }
  return figures;
}
