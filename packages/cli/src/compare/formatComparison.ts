import { formatMs } from '../format/formatMs.js';
import { formatTable } from '../format/formatTable.js';
import { comparedFigures } from './compareMetrics.js';
import type { MetricUnit } from './MetricUnit.js';
import type { MeanInterval } from './meanConfidenceInterval.js';
import type { Comparison } from './summarizeComparison.js';

/**
 * The comparison table: one row per figure, one column per strategy, each cell `mean ± half-width`
 * of the 95% confidence interval over the seeds (t distribution); `-` where no run had the figure.
 * Figures that are 0 for every strategy (no cost given, no preemption) are left out.
 */
export function formatComparison(comparison: Comparison): string {
  const { strategies, seeds } = comparison;
  const rows: string[][] = [];
  for (const metric of comparedFigures(comparison.runs)) {
    const cells = strategies.map((s) => comparison.summary[s]?.[metric.key]);
    if (cells.every((c) => c === undefined || c.n === 0 || (c.mean === 0 && (c.halfWidth ?? 0) === 0))) continue;
    rows.push([metric.label, ...cells.map((c) => cell(c, metric.unit))]);
  }
  const header = `${comparison.scenario}: ${strategies.length} strategies × ${seeds.length} seeds (${seedText(seeds)})${
    comparison.until === null ? '' : `, until ${formatMs(comparison.until)}`
  }; mean ± 95% confidence interval (t distribution)\n\n`;
  return header + formatTable(['figure', ...strategies], rows, ['left', ...strategies.map(() => 'right' as const)]);
}

function cell(interval: MeanInterval | undefined, unit: MetricUnit): string {
  if (interval === undefined || interval.n === 0) return '-';
  const mean = value(interval.mean, unit);
  return interval.halfWidth === null ? mean : `${mean} ± ${value(interval.halfWidth, unit)}`;
}

function value(x: number, unit: MetricUnit): string {
  switch (unit) {
    case 'fraction':
      return `${(x * 100).toFixed(1)}%`;
    case 'ms':
      return formatMs(x);
    case 'money':
      return x.toFixed(2);
    case 'rate':
      return `${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}/s`;
    default:
      return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
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
