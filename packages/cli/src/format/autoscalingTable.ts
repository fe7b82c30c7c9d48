import type { AutoscalingMetrics } from '@berth/cluster';
import { formatMs } from './formatMs.js';
import type { TrafficTable } from './trafficTables.js';

const span = (mean: number | null, max: number | null): string =>
  mean === null ? '-' : `${formatMs(mean)} / ${formatMs(max!)}`;

/**
 * One row per autoscaled service, for the summary `berth run` prints and for report.html: the
 * replicas (time-weighted mean and range), the scale-ups and scale-downs, the time from a scale-up to
 * the count it asked for ready, the load steps and the time from a load step to enough ready replicas
 * (`?` when the offered load is not known).
 */
export function autoscalingTable(autoscaling: AutoscalingMetrics): TrafficTable {
  const rows = Object.entries(autoscaling.services).map(([name, s]) => [
    name,
    `${s.minReplicas}-${s.maxReplicas}`,
    s.replicas.mean.toFixed(2),
    `${s.replicas.min}-${s.replicas.max}`,
    String(s.scaleUps),
    String(s.scaleDowns),
    span(s.timeToScale.mean, s.timeToScale.max),
    s.loadSteps === null ? '?' : String(s.loadSteps.length),
    span(s.timeToEnough.mean, s.timeToEnough.max),
  ]);
  return {
    header: [
      'autoscaled service',
      'min-max',
      'replicas (mean)',
      'range',
      'scale-ups',
      'scale-downs',
      'time to scale (mean / max)',
      'load steps',
      'load step to enough (mean / max)',
    ],
    rows,
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  };
}

/** Why each service's load steps are not measured, one line each (none when they all are). */
export function loadStepNotes(autoscaling: AutoscalingMetrics): string[] {
  return Object.entries(autoscaling.services).flatMap(([name, s]) =>
    s.loadStepsUnknown === null ? [] : [`${name}: load steps not measured: ${s.loadStepsUnknown}`],
  );
}

/** What the autoscaling table's columns mean. */
export const AUTOSCALING_LEGEND =
  'replicas: the desired count, time-weighted; time to scale: from a scale-up to the count it asked for ready;\n' +
  'load step: the offered load needs more replicas than are ready, ⌈load / (target × (1 + tolerance))⌉, until enough are';
