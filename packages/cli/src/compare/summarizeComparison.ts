import type { ComparePlan, CompareRun } from './CompareRun.js';
import { comparedFigures } from './compareMetrics.js';
import { type MeanInterval, meanConfidenceInterval } from './meanConfidenceInterval.js';

/** A finished comparison: the plan, every run, and per strategy and figure the mean with its 95% interval. */
export interface Comparison extends ComparePlan {
  readonly runs: readonly CompareRun[];
  /** strategy → figure key → mean and interval over the seeds where the figure exists. */
  readonly summary: Readonly<Record<string, Readonly<Record<string, MeanInterval>>>>;
}

/** Summarises runs per strategy: the mean of each figure over seeds with its 95% t interval. */
export function summarizeComparison(plan: ComparePlan, runs: readonly CompareRun[]): Comparison {
  const summary: Record<string, Record<string, MeanInterval>> = {};
  const metrics = comparedFigures(runs);
  for (const strategy of plan.strategies) {
    const mine = runs.filter((run) => run.strategy === strategy);
    const figures: Record<string, MeanInterval> = {};
    for (const metric of metrics) {
      const values: number[] = [];
      for (const run of mine) {
        const value = run.metrics[metric.key];
        if (typeof value === 'number' && Number.isFinite(value)) values.push(value);
      }
      figures[metric.key] = meanConfidenceInterval(values);
    }
    summary[strategy] = figures;
  }
  return { ...plan, runs, summary };
}
