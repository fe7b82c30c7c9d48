import { describe, expect, it } from 'vitest';
import { EdfSchedule } from './EdfSchedule.js';

function picks(weights: number[], count: number): number[] {
  const edf = new EdfSchedule();
  edf.reset(weights);
  return Array.from({ length: count }, () => edf.pickAndAdd(weights[edf.peek()]!));
}

describe('EdfSchedule', () => {
  it('with equal weights, takes the entries in turn', () => {
    expect(picks([1, 1, 1], 7)).toEqual([0, 1, 2, 0, 1, 2, 0]);
  });

  it('interleaves by weight: weights 4, 1 give 0 four times as often, spread out', () => {
    // Deadlines (exact in binary): entry 0 at 1/4, 2/4, 3/4, 1, 5/4, ...; entry 1 at 1, 2, ... On a
    // tie, the entry added earlier goes first: at 1, entry 1 (added at the start) before entry 0 (added
    // back at its pick at 3/4); at 2, entry 1 (added back at 1) before entry 0 (added back at 7/4).
    expect(picks([4, 1], 10)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
  });

  it('keeps the proportions over a long run', () => {
    const counts = [0, 0, 0, 0];
    for (const i of picks([1, 2, 3, 4], 10_000)) counts[i]! += 1;
    expect(counts).toEqual([1000, 2000, 3000, 4000]);
  });

  it('can be reset to a different size', () => {
    const edf = new EdfSchedule();
    edf.reset([1, 1, 1, 1, 1]);
    edf.reset([2, 1]);
    expect(edf.size).toBe(2);
    expect([edf.pickAndAdd(2), edf.pickAndAdd(2), edf.pickAndAdd(1)]).toEqual([0, 1, 0]);
  });
});
