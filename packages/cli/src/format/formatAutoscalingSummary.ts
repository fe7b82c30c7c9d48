import type { AutoscalingMetrics } from '@berth/cluster';
import { formatMs } from './formatMs.js';
import { formatTable } from './formatTable.js';

/** Scalings listed one per line at most; the rest are counted (all are in `--json`). */
const MAX_LINES = 20;

/**
 * The autoscaling part of the summary `berth run` prints for a scenario with autoscalers: per
 * service, the replicas (time-weighted mean and range), the scale-ups and scale-downs, the time from
 * a scale-up to enough ready replicas; then each scaling with its reason.
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
    ],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const lines: string[] = [];
  const all = Object.entries(autoscaling.services).flatMap(([name, s]) => s.scalings.map((e) => ({ name, ...e })));
  all.sort((a, b) => a.at - b.at);
  for (const e of all.slice(0, MAX_LINES)) {
    lines.push(`  ${formatMs(e.at)}  ${e.name} ${e.from} → ${e.to}: ${e.reason} (${e.limit})`);
  }
  if (all.length > MAX_LINES) lines.push(`  … ${all.length - MAX_LINES} more scalings (see --json)`);
  const head =
    'Autoscaling (replicas: the desired count, time-weighted; time to scale: from a scale-up to enough ready replicas):\n';
  return `${head}${table}${lines.length > 0 ? `Scalings:\n${lines.join('\n')}\n` : ''}`;
}
