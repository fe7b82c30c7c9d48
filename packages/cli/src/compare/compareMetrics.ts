import type { ClusterMetrics, TrafficMetrics } from '@berth/cluster';
import type { CompareRun } from './CompareRun.js';
import type { MetricUnit } from './MetricUnit.js';
import { describeTrafficMetric, trafficCompareMetrics } from './trafficCompareMetrics.js';

/** A figure `berth compare` puts side by side for each strategy. */
export interface CompareMetric {
  /** Key in JSON output and shard files. */
  readonly key: string;
  /** Row title in the table. */
  readonly label: string;
  readonly unit: MetricUnit;
  /** The figure of one run; null when the run has none (nothing placed, no such resource). */
  readonly read: (metrics: ClusterMetrics) => number | null;
}

/** The key figures of a comparison, in table order. */
export const COMPARE_METRICS: readonly CompareMetric[] = [
  { key: 'hostsUsed', label: 'hosts used (time-weighted)', unit: 'count', read: (m) => m.hosts.timeWeightedUsed },
  { key: 'peakHostsUsed', label: 'hosts used (peak)', unit: 'count', read: (m) => m.hosts.peakUsed },
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
    read: (m) => m.stranded.cpu?.timeWeightedMean ?? null,
  },
  {
    key: 'memoryStranded',
    label: 'memory stranded',
    unit: 'fraction',
    read: (m) => m.stranded.memory?.timeWeightedMean ?? null,
  },
  { key: 'pendingMean', label: 'pending time (mean)', unit: 'ms', read: (m) => m.pending.mean },
  { key: 'pendingP99', label: 'pending time (p99)', unit: 'ms', read: (m) => m.pending.p99 },
  { key: 'placements', label: 'placements', unit: 'count', read: (m) => m.scheduling.placements },
  { key: 'pendingAtEnd', label: 'still pending at end', unit: 'count', read: (m) => m.unplaced.pendingAtEnd },
  { key: 'preemptions', label: 'preemptions', unit: 'count', read: (m) => m.scheduling.preemptions },
  { key: 'usedHostHours', label: 'used host-hours', unit: 'count', read: (m) => m.cost.usedHostHours },
  { key: 'dollars', label: 'cost', unit: 'money', read: (m) => m.cost.dollars },
];

/**
 * The compared figures of one run, by key: those of {@link COMPARE_METRICS}, then, for a scenario with
 * requests, its traffic figures per load source and service (keys `traffic.<source|service>.<name>.<figure>`).
 */
export function readCompareMetrics(
  metrics: ClusterMetrics,
  traffic?: TrafficMetrics | null | undefined,
): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const metric of COMPARE_METRICS) out[metric.key] = metric.read(metrics);
  return traffic === null || traffic === undefined ? out : { ...out, ...trafficCompareMetrics(traffic) };
}

/** A compared figure's key, row title and unit. */
export type ComparedFigure = Pick<CompareMetric, 'key' | 'label' | 'unit'>;

/**
 * The figures a comparison shows, in table order: {@link COMPARE_METRICS}, then the traffic figures
 * the runs have, in the order the runs first give them.
 */
export function comparedFigures(runs: readonly CompareRun[]): ComparedFigure[] {
  const figures: ComparedFigure[] = [...COMPARE_METRICS];
  const seen = new Set(figures.map((f) => f.key));
  for (const run of runs) {
    for (const key of Object.keys(run.metrics)) {
      if (seen.has(key)) continue;
      seen.add(key);
      const described = describeTrafficMetric(key);
      if (described !== undefined) figures.push({ key, ...described });
    }
  }
  return figures;
}
