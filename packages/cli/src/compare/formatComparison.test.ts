import { describe, expect, it } from 'vitest';
import type { CompareRun } from './CompareRun.js';
import { formatComparison } from './formatComparison.js';
import { summarizeComparison } from './summarizeComparison.js';

const plan = (strategies: string[], seeds: number[]) => ({
  scenario: 'toy',
  scenarioHash: 'x',
  strategies,
  seeds,
  until: null,
});

/** Runs whose figures are `figures[strategy](seed)`. */
function runs(
  strategies: string[],
  seeds: number[],
  figures: (strategy: string, seed: number) => Record<string, number | null>,
): CompareRun[] {
  return strategies.flatMap((strategy) => seeds.map((seed) => ({ strategy, seed, metrics: figures(strategy, seed) })));
}

const row = (table: string, label: string) => table.split('\n').find((line) => line.startsWith(label)) ?? '';

describe('formatComparison', () => {
  const strategies = ['a', 'b', 'c'];
  const seeds = [1, 2, 3];
  const varying = runs(strategies, seeds, (s, seed) => ({
    hostsUsed: { a: 3, b: 2, c: 2 }[s]! + seed / 100,
    placements: { a: 10, b: 11, c: 12 }[s]! + (seed === 3 ? 1 : 0),
    allReplicasUp: { a: 0.9, b: 0.95, c: 0.5 }[s]!,
    dollars: { a: 1.5, b: 1.25, c: 2 }[s]!,
    usedHostHours: 4,
    cpuAllocated: 0.5,
  }));
  const table = formatComparison(summarizeComparison(plan(strategies, seeds), varying));

  it('marks the best mean of a row in the figure’s direction, ties included, and says what the mark means', () => {
    expect(row(table, 'hosts used (time-weighted)')).toMatch(/3\.02 ± [\d.]+ +2\.02 ± [\d.]+ \* +2\.02 ± [\d.]+ \*$/);
    expect(row(table, 'all replicas up (mean of services)')).toMatch(
      /90\.0% ± 0\.0% +95\.0% ± 0\.0% \* +50\.0% ± 0\.0%$/,
    );
    // No direction (placements, allocation), or every strategy equal (host-hours): no mark.
    expect(row(table, 'placements')).not.toContain('*');
    expect(row(table, 'cpu allocated')).not.toContain('*');
    expect(row(table, 'used host-hours')).not.toContain('*');
    expect(table).toContain('\n* the best mean of its row (lower or higher, as the figure reads)\n');
  });

  it('prints counts as integers where the mean is one, money in dollars and hours with their unit', () => {
    expect(row(table, 'placements')).toMatch(/ 10\.3 ± 1\.4 +11\.3 ± 1\.4 +12\.3 ± 1\.4$/);
    expect(row(table, 'cost')).toMatch(/\$1\.50 ± \$0\.00 +\$1\.25 ± \$0\.00 \* +\$2\.00 ± \$0\.00$/);
    expect(row(table, 'used host-hours')).toMatch(/4\.00 h ± 0\.00 h/);
    const whole = runs(strategies, seeds, () => ({ placements: 7 }));
    expect(row(formatComparison(summarizeComparison(plan(strategies, seeds), whole)), 'placements')).toMatch(
      /^placements +7 +7 +7$/,
    );
  });

  it("prints a function's sub-cent bill to three significant figures, not as $0.00", () => {
    const bills = runs(strategies, seeds, (s, seed) => ({
      'functions.cost': { a: 0.000087, b: 0.0123, c: 0.7239 }[s]! * (1 + seed / 1000),
    }));
    const text = formatComparison(summarizeComparison(plan(strategies, seeds), bills));
    expect(row(text, 'functions: user cost')).toMatch(
      /\$0\.0000872 ± \$0\.000000[0-9]+ \* +\$0\.0123 ± \$0\.0000[0-9]+ +\$0\.725 ± \$0\.00180$/,
    );
  });

  it('says when the seeds changed nothing, and then shows the values alone', () => {
    const same = runs(strategies, seeds, (s) => ({ hostsUsed: s === 'a' ? 3 : 2, placements: 5 }));
    const text = formatComparison(summarizeComparison(plan(strategies, seeds), same));
    expect(text.split('\n').slice(0, 2)).toEqual([
      'toy: 3 strategies × 3 seeds (1-3)',
      'Every seed gave each strategy the same figures: the seeds changed nothing in this scenario, so one seed says it all.',
    ]);
    expect(row(text, 'hosts used (time-weighted)')).toMatch(/3\.00 +2\.00 \* +2\.00 \*$/);
    expect(text).not.toContain('±');
    // A single seed is not a finding about the seeds.
    expect(
      formatComparison(
        summarizeComparison(
          plan(strategies, [1]),
          runs(strategies, [1], () => ({ placements: 5 })),
        ),
      ),
    ).not.toContain('Every seed');
    // One figure that moves with the seed is enough for intervals.
    expect(table.split('\n')[0]).toBe(
      'toy: 3 strategies × 3 seeds (1-3); mean ± 95% confidence interval (t distribution)',
    );
  });
});
