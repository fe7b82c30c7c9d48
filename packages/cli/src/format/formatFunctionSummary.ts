import type { FunctionFigures, FunctionReport } from '@berth/cluster';
import { formatDollars } from './formatDollars.js';
import { formatTable } from './formatTable.js';

const ms = (x: number): string => (Number.isNaN(x) ? '-' : x < 10 ? x.toFixed(2) : x.toFixed(0));
const pct = (x: number): string => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`);

/**
 * The functions part of the summary `berth run` prints for a scenario with `functions`: one row per
 * function and a total — invocations, cold starts, throttling, latency with and without cold starts,
 * the cold-start wait, instances, memory held idle and the user's cost (three significant figures: a
 * function's bill is often a fraction of a cent) — then the provider's side: hosts used by function
 * instances and the memory they held idle.
 */
export function formatFunctionSummary(report: FunctionReport): string {
  const header = [
    'function',
    'arrived',
    'served',
    'cold',
    'rejected',
    'failed',
    'p50 ms',
    'p99 ms',
    'p99 warm ms',
    'cold wait ms',
    'instances',
    'max',
    'idle GB-s',
    'cost',
  ];
  const row = (name: string, f: FunctionFigures): string[] => [
    name,
    String(f.arrived),
    String(f.served),
    pct(f.coldStartRatio),
    String(f.rejected),
    String(f.failed),
    ms(f.latency.p50),
    ms(f.latency.p99),
    ms(f.warmLatency.p99),
    ms(f.coldStartWait.mean),
    f.meanInstances.toFixed(2),
    String(f.maxInstances),
    f.idleGbSeconds.toFixed(1),
    formatDollars(f.cost),
  ];
  const rows = Object.entries(report.functions).map(([name, f]) => row(name, f));
  rows.push(row('(all)', report.total));
  const align = header.map((_, j) => (j === 0 ? 'left' : 'right') as 'left' | 'right');
  const p75 = Number.isNaN(report.p75ColdStartPercent) ? '-' : `${report.p75ColdStartPercent.toFixed(1)}%`;
  const head =
    `Functions on ${report.platform} (keep-alive: ${report.keepAlive}); 75th-percentile cold-start % over ` +
    `functions ${p75}; most concurrent executions ${report.maxConcurrency}:\n`;
  const used = report.hostsUsed;
  const provider =
    `Provider side: hosts holding function instances ${used.mean.toFixed(2)} on average, ${used.peak} at most, ` +
    `${used.hostHours.toFixed(2)} host-hours; memory held idle ${(report.total.idleGbSeconds / 3600).toFixed(2)} GB-h.\n`;
  return head + formatTable(header, rows, align) + provider;
}
