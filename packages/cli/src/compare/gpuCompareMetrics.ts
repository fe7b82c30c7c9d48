import type { GpuArrivalReport } from '@berth/cluster';
import type { Better, MetricUnit } from './MetricUnit.js';

/** One GPU figure `berth compare` puts side by side. */
interface GpuFigure {
  /** Last part of the key `gpu.<figure>`. */
  readonly figure: string;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly better?: Better;
  readonly read: (report: GpuArrivalReport) => number | null;
}

/** The allocated share of capacity once `percent` % of it had arrived; null when arrivals never got there. */
const allocatedAt = (r: GpuArrivalReport, percent: number): number | null => {
  const v = r.allocatedByArrived[percent];
  return v === undefined ? null : v / 100;
};

const FIGURES: readonly GpuFigure[] = [
  {
    figure: 'arrived',
    label: 'GPU asked for (share of the GPUs)',
    unit: 'fraction',
    read: (r) => r.arrivedMilli / r.capacityMilli,
  },
  {
    figure: 'unallocatedAt100',
    label: 'GPU unallocated when 100% had arrived',
    unit: 'fraction',
    better: 'lower',
    read: (r) => {
      const a = allocatedAt(r, 100);
      return a === null ? null : 1 - a;
    },
  },
  {
    figure: 'allocated',
    label: 'GPU allocated at the end',
    unit: 'fraction',
    better: 'higher',
    read: (r) => r.allocatedMilli / r.capacityMilli,
  },
];

/**
 * The GPU figures of one run for `berth compare`, by key `gpu.<figure>`: GPU asked for, GPU unallocated
 * once 100 % of the GPUs had been asked for (the FGD paper's Fig. 11–14 bars), and GPU allocated at the
 * end (its Fig. 9 at 130 %). None for a run whose hosts have no GPUs (`report` null).
 */
export function gpuCompareMetrics(report: GpuArrivalReport | null | undefined): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  if (report === null || report === undefined || report.capacityMilli === 0) return out;
  for (const f of FIGURES) out[`gpu.${f.figure}`] = f.read(report);
  return out;
}

/** The row title, unit and better direction of a key {@link gpuCompareMetrics} made, or undefined. */
export function describeGpuMetric(
  key: string,
): { readonly label: string; readonly unit: MetricUnit; readonly better?: Better } | undefined {
  if (!key.startsWith('gpu.')) return undefined;
  const f = FIGURES.find((g) => g.figure === key.slice('gpu.'.length));
  return f === undefined
    ? undefined
    : { label: f.label, unit: f.unit, ...(f.better === undefined ? {} : { better: f.better }) };
}
