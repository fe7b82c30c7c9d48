import type { AutoscalingMetrics } from '@berth/cluster';
import { AUTOSCALING_LEGEND, autoscalingTable, loadStepNotes } from './autoscalingTable.js';
import { formatMs } from './formatMs.js';
import { formatTable } from './formatTable.js';

/** Scalings listed one per line at most; the rest are counted (all are in `--json`). */
const MAX_LINES = 20;

/**
 * The autoscaling part of the summary `berth run` prints for a scenario with autoscalers: the
 * {@link autoscalingTable}, why load steps are not measured where they are not, then each scaling
 * with its reason.
 */
export function formatAutoscalingSummary(autoscaling: AutoscalingMetrics): string {
  const t = autoscalingTable(autoscaling);
  const table = formatTable(t.header, t.rows, t.align);
  const lines: string[] = [];
  const all = Object.entries(autoscaling.services).flatMap(([name, s]) => s.scalings.map((e) => ({ name, ...e })));
  all.sort((a, b) => a.at - b.at);
  for (const e of all.slice(0, MAX_LINES)) {
    lines.push(`  ${formatMs(e.at)}  ${e.name} ${e.from} → ${e.to}: ${e.reason} (${e.limit})`);
  }
  if (all.length > MAX_LINES) lines.push(`  … ${all.length - MAX_LINES} more scalings (see --json)`);
  const notes = loadStepNotes(autoscaling)
    .map((n) => `  ${n}\n`)
    .join('');
  return `Autoscaling (${AUTOSCALING_LEGEND}):\n${table}${notes}${lines.length > 0 ? `Scalings:\n${lines.join('\n')}\n` : ''}`;
}
