import type { ClusterMetrics } from '@berth/cluster';
import { formatMs } from './formatMs.js';
import { formatTable } from './formatTable.js';

/** What the summary says about the run besides its metrics. */
export interface RunSummaryContext {
  readonly scenario: string;
  readonly strategy: string;
  readonly seed: number | string;
  /** Cluster events in the run. */
  readonly events: number;
  /** Wall time of the run in ms, when measured. */
  readonly wallMs?: number | undefined;
}

const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;
const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const decimal = (n: number): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const time = (ms: number | null): string => (ms === null ? '-' : formatMs(ms));

/**
 * The summary `berth run` prints: a line about the run, a table per resource (capacity, allocated
 * and stranded shares), and a table of hosts, scheduling, waiting and cost figures.
 */
export function formatRunSummary(metrics: ClusterMetrics, context: RunSummaryContext): string {
  const { window } = metrics;
  const wall =
    context.wallMs === undefined
      ? ''
      : ` in ${(context.wallMs / 1000).toFixed(2)} s of wall time (${count((context.events * 1000) / Math.max(context.wallMs, 1))} events/s)`;
  const head =
    `${context.scenario} — strategy ${context.strategy}, seed ${context.seed}\n` +
    `Simulated ${formatMs(window.to - window.from)}: ${count(context.events)} events${wall}.\n`;

  const resources = Object.keys(metrics.capacity).map((name) => {
    const allocation = metrics.allocation[name]!;
    const stranded = metrics.stranded[name]!;
    return [
      name,
      capacityText(name, metrics.capacity[name]!),
      percent(allocation.timeWeightedMean),
      percent(allocation.peak),
      percent(allocation.atEnd),
      percent(stranded.timeWeightedMean),
    ];
  });
  const resourceTable = formatTable(
    ['resource', 'capacity', 'allocated (mean)', 'peak', 'at end', 'stranded (mean)'],
    resources,
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );

  const { hosts, pending, unplaced, scheduling, cost } = metrics;
  const rows: string[][] = [
    ['hosts', count(hosts.total)],
    ['hosts used (time-weighted mean)', decimal(hosts.timeWeightedUsed)],
    ['hosts used (peak / at end)', `${count(hosts.peakUsed)} / ${count(hosts.usedAtEnd)}`],
    ['placements', count(scheduling.placements)],
    ['scheduling attempts', count(scheduling.attempts)],
    ['preemptions', count(scheduling.preemptions)],
    [
      'pending time (mean / p50 / p99 / max)',
      [pending.mean, pending.p50, pending.p99, pending.max].map(time).join(' / '),
    ],
    ['still pending at end', count(unplaced.pendingAtEnd)],
    ['longest wait of those', time(unplaced.oldestWait)],
    ['ended without a placement', count(unplaced.withdrawn)],
    ['host-hours (powered / used)', `${decimal(cost.hostHours)} / ${decimal(cost.usedHostHours)}`],
  ];
  if (cost.dollars > 0)
    rows.push(['cost (powered / used hosts)', `$${decimal(cost.dollars)} / $${decimal(cost.usedDollars)}`]);
  const figures = formatTable(['figure', 'value'], rows, ['left', 'right']);
  return `${head}\n${resourceTable}\n${figures}`;
}

/** Capacity in the scenario's units: cpu as cores, memory as GiB, others as counts. */
function capacityText(resource: string, amount: number): string {
  if (resource === 'cpu') return `${Number((amount / 1000).toFixed(1)).toLocaleString('en-US')} cores`;
  if (resource === 'memory') return `${Number((amount / 1024).toFixed(1)).toLocaleString('en-US')} GiB`;
  return count(amount);
}
