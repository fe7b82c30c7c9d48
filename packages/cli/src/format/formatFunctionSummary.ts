import type { FunctionFigures, FunctionReport } from '@berth/cluster';
import { formatDollars } from './formatDollars.js';
import { formatTable } from './formatTable.js';

const ms = (x: number): string => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(0));
const pct = (x: number): string => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`);

/** The per-function table's header, in `functionRows` order. */
export const FUNCTION_TABLE_HEADER: readonly string[] = [
  'function',
  'arrived',
  'served',
  'cold',
  'rejected',
  'throttled',
  'failed',
  'p50 ms',
  'p99 ms',
  'p50 warm ms',
  'p99 warm ms',
  'cold wait ms',
  'instances',
  'max',
  'idle GB-s',
  'cost',
];

/**
 * One row per function and a total: invocations, the cold-start share, throttling, latency with and
 * without cold starts (warm: invocations that waited for no instance), the mean cold-start wait,
 * instances, memory held idle and the user's cost (three significant figures: a function's bill is
 * often a fraction of a cent).
 */
export function functionRows(report: FunctionReport): string[][] {
  const row = (name: string, f: FunctionFigures): string[] => [
    name,
    String(f.arrived),
    String(f.served),
    pct(f.coldStartRatio),
    String(f.rejected),
    String(f.throttled),
    String(f.failed),
    ms(f.latency.p50),
    ms(f.latency.p99),
    ms(f.warmLatency.p50),
    ms(f.warmLatency.p99),
    ms(f.coldStartWait.mean),
    f.meanInstances.toFixed(2),
    String(f.maxInstances),
    f.idleGbSeconds.toFixed(1),
    formatDollars(f.cost),
  ];
  const rows = Object.entries(report.functions).map(([name, f]) => row(name, f));
  rows.push(row('(all)', report.total));
  return rows;
}

/** The platform, its keep-alive, the 75th-percentile cold-start % over functions and the most concurrent executions. */
export function functionHeadline(report: FunctionReport): string {
  const p75 = Number.isNaN(report.p75ColdStartPercent) ? '-' : `${report.p75ColdStartPercent.toFixed(1)}%`;
  return (
    `Functions on ${report.platform} (keep-alive: ${report.keepAlive}); 75th-percentile cold-start % over ` +
    `functions ${p75}; most concurrent executions ${report.maxConcurrency}`
  );
}

/** The provider's side: hosts holding function instances and the memory the instances held idle. */
export function functionProviderLine(report: FunctionReport): string {
  const used = report.hostsUsed;
  return (
    `Provider side: hosts holding function instances ${used.mean.toFixed(2)} on average, ${used.peak} at most, ` +
    `${used.hostHours.toFixed(2)} host-hours; memory held idle ${(report.total.idleGbSeconds / 3600).toFixed(2)} GB-h.`
  );
}

/**
 * The functions part of the summary `berth run` prints for a scenario with `functions`: the headline,
 * the per-function table (see {@link functionRows}), then the provider's side.
 */
export function formatFunctionSummary(report: FunctionReport): string {
  const align = FUNCTION_TABLE_HEADER.map((_, j) => (j === 0 ? 'left' : 'right') as 'left' | 'right');
  return (
    `${functionHeadline(report)}:\n` +
    formatTable(FUNCTION_TABLE_HEADER, functionRows(report), align) +
    `${functionProviderLine(report)}\n`
  );
}
