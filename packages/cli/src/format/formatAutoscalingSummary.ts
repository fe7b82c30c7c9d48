import type { AutoscalingMetrics } from '@berth/cluster';
import { formatMs } from './formatMs.js';
import { formatTable } from './formatTable.js';

/** Scalings listed one per line at most; the rest are counted (all are in `--json`). */
const MAX_LINES = 20;

/**
 * The autoscaling part of the summary `berth run` prints for a scenario with autoscalers: per
 * service, the replicas (time-weighted mean and range), the scale-ups and scale-downs, the time from
 * a scale-up to the count it asked for ready, the load steps and the time from a load step to enough
 * ready replicas (`?` when the offered load is not known); then each scaling with its reason.
 */
export function formatAutoscalingSummary(autoscaling: AutoscalingMetrics): string {
  const rows = Object.entries(autoscaling.services).map(([name, s]) => [
    name,
    `${s.minReplicas}-${s.maxReplicas}`,
    s.replicas.mean.toFixed(2),
    `${s.replicas.min}-${s.replicas.max}`,
    String(s.scaleUps),
    String(s.scaleDowns),
    s.timeToScale.mean === null ? '-' : `${formatMs(s.timeToScale.mean)} / ${formatMs(s.timeToScale.max!)}`,
    s.loadSteps === null ? '?' : String(s.loadSteps.length),
    s.timeToEnough.mean === null ? '-' : `${formatMs(s.timeToEnough.mean)} / ${formatMs(s.timeToEnough.max!)}`,
  ]);
  const table = formatTable(
    [
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
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const lines: string[] = [];
  const all = Object.entries(autoscaling.services).flatMap(([name, s]) => s.scalings.map((e) => ({ name, ...e })));
  all.sort((a, b) => a.at - b.at);
  for (const e of all.slice(0, MAX_LINES)) {
    lines.push(`  ${formatMs(e.at)}  ${e.name} ${e.from} → ${e.to}: ${e.reason} (${e.limit})`);
  }
  if (all.length > MAX_LINES) lines.push(`  … ${all.length - MAX_LINES} more scalings (see --json)`);
  const unknown = Object.entries(autoscaling.services).flatMap(([name, s]) =>
    s.loadStepsUnknown === null ? [] : [`  ${name}: load steps not measured: ${s.loadStepsUnknown}`],
  );
  const head =
    'Autoscaling (replicas: the desired count, time-weighted; time to scale: from a scale-up to the count it asked for ready;\n' +
    'load step: the offered load needs more replicas than are ready, ⌈load / (target × (1 + tolerance))⌉, until enough are):\n';
  const notes = unknown.length > 0 ? `${unknown.join('\n')}\n` : '';
  return `${head}${table}${notes}${lines.length > 0 ? `Scalings:\n${lines.join('\n')}\n` : ''}`;
}
