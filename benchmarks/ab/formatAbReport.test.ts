import { describe, expect, it } from 'vitest';
import type { AbCase } from './abCases.js';
import type { CaseOutcome } from './alternate.js';
import { formatAbReport, roundRatios, signTestP, spread, verdict } from './formatAbReport.js';

const abCase = (id: string): AbCase => ({
  id,
  title: `case ${id}`,
  unit: 'placements',
  run: () => ({ seconds: 1, cpuSeconds: 1, count: 1, result: '' }),
});

describe('signTestP', () => {
  it.each([
    // 7 of 7: 2 × 1/128. 6 of 7: 2 × (1 + 7)/128. 12 of 15: 2 × (1 + 15 + 105 + 455)/32768.
    [7, 0, 2 / 128],
    [0, 7, 2 / 128],
    [6, 1, 16 / 128],
    [12, 3, 1152 / 32768],
    // An even split, or no rounds at all, is what chance gives.
    [3, 3, 1],
    [0, 0, 1],
  ])('%i against %i: %f', (wins, losses, expected) => {
    expect(signTestP(wins, losses)).toBeCloseTo(expected, 12);
  });
});

describe('verdict', () => {
  it.each([
    // Median of six: (1.05 + 1.1) / 2.
    [
      [1.1, 1.02, 1.3, 1.01, 1.2, 1.05],
      'B faster by 7.5% (B faster in 6, slower in 0 of 6 rounds; sign test p = 0.031)',
    ],
    [
      [0.9, 0.99, 0.95, 0.97, 0.9, 0.9, 0.8],
      '**B slower by 10.0%** (B faster in 0, slower in 7 of 7 rounds; sign test p = 0.016)',
    ],
    // Every round, but by less than 2%.
    [
      [0.99, 0.995, 0.985, 0.99, 0.99, 0.99, 0.98],
      'unchanged: slower by 1.0%, under the 2% tolerance (B faster in 0, slower in 7 of 7 rounds; sign test p = 0.016)',
    ],
    [
      [0.9, 0.99, 0.95, 0.97, 0.9, 0.9, 1.8],
      'unchanged: within the noise (B faster in 1, slower in 6 of 7 rounds; sign test p = 0.125)',
    ],
    // A round exactly level counts for neither side: 5 of 5 others is p = 0.0625.
    [
      [1, 1.2, 1.1, 1.1, 1.1, 1.1],
      'unchanged: within the noise (B faster in 5, slower in 0 of 6 rounds; sign test p = 0.063)',
    ],
    [[2, 3, 2, 2, 2], 'no verdict (fewer than 6 rounds)'],
  ])('%j: %s', (ratios, expected) => {
    expect(verdict(ratios)).toBe(expected);
  });

  it('takes another tolerance', () => {
    expect(verdict([0.99, 0.995, 0.985, 0.99, 0.99, 0.99, 0.98], 0.005)).toMatch(/^\*\*B slower by 1\.0%\*\*/);
  });
});

describe('roundRatios and spread', () => {
  it('divide round by round and take the median of the ratios', () => {
    // Rounds: 20/10 = 2, 30/10 = 3, 5/10 = 0.5 (a disturbed round): median 2.
    const ratios = roundRatios([20, 30, 5], [10, 10, 10]);
    expect(ratios).toEqual([2, 3, 0.5]);
    expect(spread(ratios)).toEqual({ median: 2, min: 0.5, max: 3 });
  });

  it('refuse lists of different lengths', () => {
    expect(() => roundRatios([1, 2], [1])).toThrow(/rounds differ/);
  });
});

describe('formatAbReport', () => {
  const agreed: CaseOutcome = {
    abCase: abCase('basic'),
    // Round 1: A 100/s, yardstick 1,000/s (10 per unit; costs of 10 or more get one decimal); B 125/s, yardstick 1,000/s (8). Round 2: A
    // 100/s (10), B 110/s, yardstick 880/s (8). Speed B/A: 1.25 and 1.1; by bare loop: 10/8 = 1.25 twice.
    a: { rates: [100, 100], cpuRates: [200, 100], yardstick: [1000, 1000] },
    b: { rates: [125, 110], cpuRates: [100, 100], yardstick: [1000, 880] },
    result: '100 placed',
    digest: '4 events, stream sha256 0123',
    mismatch: null,
  };
  const disagreed: CaseOutcome = {
    abCase: abCase('failures'),
    a: { rates: [], cpuRates: [], yardstick: [] },
    b: { rates: [], cpuRates: [], yardstick: [] },
    result: null,
    digest: null,
    mismatch: { reason: 'the sides gave different results', results: ['A: 3 moved', 'B: 4 moved'] },
  };
  const report = formatAbReport({ a: 'before', b: 'after', tolerance: 0.02, notes: ['a note'] }, [agreed, disagreed]);
  const rows = report.split('\n');

  it('gives each side’s median, the per-round ratios and both sides’ costs', () => {
    const [row, cpuRow] = rows.filter((r) => r.startsWith('| case basic'));
    // By CPU time: 100/200 and 100/100, median 0.75.
    expect(cpuRow).toBe(
      '| case basic | placements | 150 | 100 | 0.750× (0.500 – 1.000) | no verdict (fewer than 6 rounds) |',
    );
    expect(row).toBe(
      '| case basic | placements | 100 | 118 | 1.175× (1.100 – 1.250) | 10.0 | 8.00 | 1.250× (1.250 – 1.250) | no verdict (fewer than 6 rounds) |',
    );
    expect(report).toContain('- basic: the same on both sides in every run: 100 placed; event stream: 4 events');
  });

  it('prints no ratio for a case whose sides disagreed, and shows both results', () => {
    const failures = rows.filter((r) => r.startsWith('| case failures'));
    expect(failures).toHaveLength(2);
    for (const row of failures) {
      expect(row).toContain('results differ: no ratio');
      expect(row).not.toMatch(/\d×/);
    }
    expect(report).toContain('- failures: **the sides gave different results**:\n  - A: 3 moved\n  - B: 4 moved');
  });

  it('starts with the sides and the notes', () => {
    expect(rows.slice(0, 4)).toEqual(['A: before', 'B: after', '', 'a note']);
  });
});
