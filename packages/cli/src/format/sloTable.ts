import type { SloMetrics, SloSpec } from '@berth/cluster';
import { formatMs } from './formatMs.js';
import type { TrafficTable } from './trafficTables.js';

const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const share = (fraction: number | null): string => (fraction === null ? '-' : `${(fraction * 100).toFixed(2)}%`);

/** An objective as people write it: `p99 ≤ 1 s, errors ≤ 1% per 1m`. */
export function describeSlo(spec: SloSpec): string {
  const parts: string[] = [];
  if (spec.latency !== null) parts.push(`p${spec.latency.percentile} ≤ ${formatMs(spec.latency.thresholdMs)}`);
  if (spec.errorRatio !== null) parts.push(`errors ≤ ${Number((spec.errorRatio * 100).toFixed(4))}%`);
  return `${parts.join(', ')} per ${formatMs(spec.windowMs)}`;
}

/**
 * One row per service with an objective, for the summary `berth run` prints and for report.html: the
 * objective, the windows in violation of those judged, their minutes, the requests over the latency
 * threshold and the failed ones (each with its share), and the first violation.
 */
export function sloTable(slo: SloMetrics): TrafficTable {
  const rows = Object.entries(slo.services).map(([name, s]) => [
    name,
    describeSlo(s.objective),
    `${count(s.violations)} of ${count(s.windows)}`,
    s.violationMinutes.toLocaleString('en-US', { maximumFractionDigits: 2 }),
    s.overThreshold === null ? '-' : `${count(s.overThreshold)} (${share(s.overThresholdFraction)})`,
    `${count(s.failed)} (${share(s.errorFraction)})`,
    s.spans.length === 0 ? '-' : formatMs(s.spans[0]!.from),
  ]);
  return {
    header: [
      'service',
      'objective',
      'windows in violation',
      'minutes in violation',
      'requests over threshold',
      'failed',
      'first violation at',
    ],
    rows,
    align: ['left', 'left', 'right', 'right', 'right', 'right', 'right'],
  };
}
