import { formatDollars } from '../format/formatDollars.js';
import { formatMs } from '../format/formatMs.js';
import { formatTable } from '../format/formatTable.js';
import { comparedFigures } from './compareMetrics.js';
import type { Better, MetricUnit } from './MetricUnit.js';
import type { MeanInterval } from './meanConfidenceInterval.js';
import type { Comparison } from './summarizeComparison.js';

/**
 * The comparison table: one row per figure, one column per strategy, each cell `mean ± half-width`
 * of the 95% confidence interval over the seeds (t distribution); `-` where no run had the figure.
 * Figures that are 0 for every strategy (no cost given, no preemption) are left out. Where a figure has a
 * better direction (fewer hosts, shorter waits, more time with every replica up), the best mean of the row
 * is marked `*` (every tied one; no mark when all are equal). When every seed gave every strategy the same
 * figures, the table says so and shows the values alone: more seeds would not have changed anything.
 */
export function formatComparison(comparison: Comparison): string {
  const { strategies, seeds } = comparison;
  const seedless = seeds.length > 1 && seedsChangedNothing(comparison);
  const rows: string[][] = [];
  let marked = false;
  for (const metric of comparedFigures(comparison.runs)) {
    const cells = strategies.map((s) => comparison.summary[s]?.[metric.key]);
    if (cells.every((c) => c === undefined || c.n === 0 || (c.mean === 0 && (c.halfWidth ?? 0) === 0))) continue;
    const best = bestOf(cells, metric.better);
    if (best.size > 0) marked = true;
    rows.push([
      metric.label,
      ...cells.map((c, i) => `${cell(c, metric.unit, seedless)}${best.has(i) ? ' *' : best.size > 0 ? '  ' : ''}`),
    ]);
  }
  const interval = seedless ? '' : '; mean ± 95% confidence interval (t distribution)';
  const header = `${comparison.scenario}: ${strategies.length} strategies × ${seeds.length} seeds (${seedText(seeds)})${
    comparison.until === null ? '' : `, until ${formatMs(comparison.until)}`
  }${interval}\n`;
  const note = seedless
    ? `Every seed gave each strategy the same figures: the seeds changed nothing in this scenario, so one seed says it all.\n`
    : '';
  const footer = marked ? '\n* the best mean of its row (lower or higher, as the figure reads)\n' : '';
  return `${header}${note}\n${formatTable(['figure', ...strategies], rows, ['left', ...strategies.map(() => 'right' as const)])}${footer}`;
}

/** Whether every strategy's runs agree on every figure, seed after seed. */
function seedsChangedNothing(comparison: Comparison): boolean {
  return comparison.strategies.every((strategy) => {
    const runs = comparison.runs.filter((run) => run.strategy === strategy);
    const first = runs[0];
    return first === undefined || runs.every((run) => sameFigures(run.metrics, first.metrics));
  });
}

function sameFigures(a: Readonly<Record<string, number | null>>, b: Readonly<Record<string, number | null>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

/** Indexes of the cells holding the best mean in `better`'s direction; none without one or when all tie. */
function bestOf(cells: ReadonlyArray<MeanInterval | undefined>, better: Better | undefined): Set<number> {
  const best = new Set<number>();
  if (better === undefined) return best;
  const means = cells.map((c) => (c === undefined || c.n === 0 ? null : c.mean));
  const present = means.filter((m): m is number => m !== null);
  if (present.length < 2) return best;
  const target = better === 'lower' ? Math.min(...present) : Math.max(...present);
  if (present.every((m) => m === target)) return best;
  means.forEach((m, i) => {
    if (m === target) best.add(i);
  });
  return best;
}

function cell(interval: MeanInterval | undefined, unit: MetricUnit, seedless: boolean): string {
  if (interval === undefined || interval.n === 0) return '-';
  const mean = value(interval.mean, unit);
  return interval.halfWidth === null || seedless ? mean : `${mean} ± ${value(interval.halfWidth, unit, true)}`;
}

const decimals = (x: number, digits: number): string =>
  x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A value in its unit; `spread` for a half-width (a count's spread keeps its decimal). */
function value(x: number, unit: MetricUnit, spread = false): string {
  switch (unit) {
    case 'fraction':
      return `${(x * 100).toFixed(1)}%`;
    case 'ms':
      return formatMs(x);
    case 'money':
      return `$${decimals(x, 2)}`;
    case 'smallMoney':
      return formatDollars(x);
    case 'hours':
      return `${decimals(x, 2)} h`;
    case 'rate':
      return `${decimals(x, 2)}/s`;
    case 'count':
      return Number.isInteger(x) && !spread ? decimals(x, 0) : decimals(x, 1);
    default:
      return decimals(x, 2);
  }
}

/** `1-10`, or `1-3, 7` for a list with gaps. */
function seedText(seeds: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < seeds.length) {
    let j = i;
    while (j + 1 < seeds.length && seeds[j + 1] === seeds[j]! + 1) j++;
    parts.push(j === i ? String(seeds[i]) : `${seeds[i]}-${seeds[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
