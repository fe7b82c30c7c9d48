import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BestHostTree } from './BestHostTree.js';

/**
 * The loop the tree stands for: the first position with the highest score among those taking part,
 * or, with ranks, the lowest-ranked of those with the highest score (the gpu strategies' permuted ties).
 */
function loopBest(scores: Int16Array, on: boolean[], ranks: number[] | null = null): number {
  let best = -1;
  let top = -1;
  for (let i = 0; i < scores.length; i++) {
    if (!on[i]) continue;
    if (scores[i]! > top) {
      top = scores[i]!;
      best = i;
    } else if (scores[i] === top && ranks !== null && ranks[i]! < ranks[best]!) best = i;
  }
  return best;
}

describe('BestHostTree', () => {
  it('answers as the loop over the hosts in order does, after every change', () => {
    const change = fc.record({ at: fc.nat(), score: fc.integer({ min: -3, max: 6 }), on: fc.boolean() });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(change, { maxLength: 60 }), (size, changes) => {
        const scores = new Int16Array(size);
        const on = Array.from({ length: size }, () => false);
        const tree = new BestHostTree(size, scores);
        tree.fill(() => false);
        expect(tree.best()).toBe(-1);
        for (const c of changes) {
          const i = c.at % size;
          scores[i] = c.score;
          on[i] = c.on;
          tree.set(i, c.on);
          expect(tree.best()).toBe(loopBest(scores, on));
        }
        // A rebuild from scratch agrees as well.
        tree.fill((i) => on[i]!);
        expect(tree.best()).toBe(loopBest(scores, on));
      }),
      { seed: 20261206 },
    );
  });

  it('gives a tie to the lowest rank when ranks are given, as the loop does, after every change', () => {
    const change = fc.record({ at: fc.nat(), score: fc.integer({ min: -1, max: 3 }), on: fc.boolean() });
    const sized = fc
      .integer({ min: 1, max: 40 })
      .chain((size) =>
        fc.tuple(fc.constant(size), fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size })),
      );
    fc.assert(
      fc.property(sized, fc.array(change, { maxLength: 60 }), ([size, ranks], changes) => {
        const scores = new Int16Array(size);
        const on = Array.from({ length: size }, () => false);
        const tree = new BestHostTree(size, scores, ranks);
        tree.fill(() => false);
        for (const c of changes) {
          const i = c.at % size;
          scores[i] = c.score;
          on[i] = c.on;
          tree.set(i, c.on);
          expect(tree.best()).toBe(loopBest(scores, on, ranks));
        }
        tree.fill((i) => on[i]!);
        expect(tree.best()).toBe(loopBest(scores, on, ranks));
      }),
      { seed: 20261207 },
    );
  });

  it('gives a tie to the first position, and never a negative score', () => {
    const scores = Int16Array.from([5, 7, 7, -1, 7]);
    const tree = new BestHostTree(5, scores);
    tree.fill(() => true);
    expect(tree.best()).toBe(1);
    tree.set(1, false);
    expect(tree.best()).toBe(2);
    scores[0] = -2;
    scores[2] = -2;
    scores[4] = -2;
    tree.fill((i) => i !== 1);
    expect(tree.best()).toBe(-1);
  });
});
