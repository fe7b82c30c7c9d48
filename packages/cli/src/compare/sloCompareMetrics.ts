import type { ServiceSloFigures, SloMetrics } from '@berth/cluster';
import type { Better, MetricUnit } from './MetricUnit.js';

/** One objective figure `berth compare` puts side by side, per service with an objective. */
interface SloFigure {
  /** Last part of the key; no dot, so that a key can be read back whatever the service's name. */
  readonly figure: string;
  readonly label: string;
  readonly unit: MetricUnit;
  readonly better: Better;
  readonly read: (figures: ServiceSloFigures) => number | null;
}

/** Every figure is better lower: fewer windows, minutes and requests out of the objective. */
const FIGURES: readonly SloFigure[] = [
  { figure: 'violations', label: 'windows in violation', unit: 'count', better: 'lower', read: (s) => s.violations },
  {
    figure: 'violationMinutes',
    label: 'minutes in violation',
    unit: 'number',
    better: 'lower',
    read: (s) => s.violationMinutes,
  },
  {
    figure: 'overThreshold',
    label: 'requests over the latency threshold (share)',
    unit: 'fraction',
    better: 'lower',
    read: (s) => s.overThresholdFraction,
  },
  {
    figure: 'errorFraction',
    label: 'failed (share of finished)',
    unit: 'fraction',
    better: 'lower',
    read: (s) => s.errorFraction,
  },
];

/**
 * The objective figures of one run for `berth compare`, by key `slo.<service>.<figure>`: per service
 * with an objective, the windows and minutes in violation, the share of answered requests over the
 * latency threshold and the share of finished requests that failed.
 */
export function sloCompareMetrics(slo: SloMetrics): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, service] of Object.entries(slo.services)) {
    for (const f of FIGURES) out[`slo.${name}.${f.figure}`] = f.read(service);
  }
  return out;
}

/** The row title and unit of a key {@link sloCompareMetrics} made, or undefined for any other key. */
export function describeSloMetric(
  key: string,
): { readonly label: string; readonly unit: MetricUnit; readonly better: Better } | undefined {
  const match = /^slo\.(.+)\.([^.]+)$/.exec(key);
  if (match === null) return undefined;
  const f = FIGURES.find((x) => x.figure === match[2]);
  if (f === undefined) return undefined;
  return { label: `objective of ${match[1]}: ${f.label}`, unit: f.unit, better: f.better };
}
