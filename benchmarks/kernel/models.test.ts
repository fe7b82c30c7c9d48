import { describe, expect, it } from 'vitest';
import { runBareLoop } from './bareLoop.js';
import { runCallbackModel } from './callbackModel.js';
import { runGeneratorModel } from './generatorModel.js';
import { median, pairedRatio } from './interleave.js';

describe('kernel benchmark models', () => {
  const size = { processes: 7, timeouts: 13 };

  it('do the same work: same event count and the same end time from the same draws', () => {
    const outcomes = [
      runGeneratorModel(size, 42),
      runCallbackModel(size, 42, true),
      runCallbackModel(size, 42, false),
      runBareLoop(size, 42),
    ];
    for (const outcome of outcomes) expect(outcome).toEqual({ events: 91, endTime: outcomes[0]!.endTime });
    expect(outcomes[0]!.endTime).toBeGreaterThan(0);
  });

  it('depend on the seed', () => {
    expect(runBareLoop(size, 1).endTime).not.toBe(runBareLoop(size, 2).endTime);
  });
});

describe('median and pairedRatio', () => {
  it('take the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(/empty/);
  });

  it('compare runs round by round', () => {
    // Per-round ratios 2, 3, 10: the median 3 ignores the disturbed third round.
    expect(pairedRatio([2, 3, 10], [1, 1, 1])).toBe(3);
  });
});
