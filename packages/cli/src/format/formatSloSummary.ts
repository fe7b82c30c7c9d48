import type { SloMetrics } from '@berth/cluster';
import { formatTable } from './formatTable.js';
import { sloTable } from './sloTable.js';

/**
 * The objectives part of the summary `berth run` prints for a scenario whose services declare `slo`: a
 * line on how windows are judged, then the {@link sloTable}.
 */
export function formatSloSummary(slo: SloMetrics): string {
  const head =
    'Service-level objectives (judged per window in which requests finished; latency: nearest-rank percentile of the answered requests):\n';
  const t = sloTable(slo);
  return `${head}${formatTable(t.header, t.rows, t.align)}`;
}
