import { describe, expect, it } from 'vitest';
import type { AzureSlice } from './azureSlice.js';
import { keepAliveStudy } from './keepAliveStudy.js';

/** Two functions on a one-hour slice: one invoked every minute, one every 15 minutes. */
const tiny: AzureSlice = {
  definitions: {
    often: {
      memory: 256,
      handler: { dist: 'constant', value: 100 },
      invocations: { process: 'counts', counts: Array.from({ length: 60 }, () => 1), every: 60_000 },
    },
    rare: {
      memory: 512,
      handler: { dist: 'constant', value: 100 },
      invocations: {
        process: 'counts',
        counts: Array.from({ length: 60 }, (_, i) => (i % 15 === 0 ? 1 : 0)),
        every: 60_000,
      },
    },
  },
  invocations: 64,
  malformed: 0,
  minutes: 60,
};

describe('keep-alive study', () => {
  it('normalises wasted memory to fixed 10 min and marks the Pareto front', () => {
    const points = keepAliveStudy(tiny, [
      ['fixed 5 min', { policy: 'fixed', ttl: '5m' }],
      ['fixed 10 min', { policy: 'fixed', ttl: '10m' }],
      ['fixed 20 min', { policy: 'fixed', ttl: '20m' }],
    ]);
    const at = (label: string) => points.find((p) => p.label === label)!;
    expect(at('fixed 10 min').normalisedWaste).toBe(1);
    for (const p of points) expect(p.invocations).toBe(64);
    // 'rare' runs every 15 min: cold under 5 and 10 min (4 of 4), warm after the first under 20 min.
    // 'often' is cold once under each. The 75th percentile of two functions is the larger.
    expect(at('fixed 5 min').p75ColdStartPercent).toBe(100);
    expect(at('fixed 20 min').p75ColdStartPercent).toBe(25);
    // Longer keep-alive holds more memory idle.
    expect(at('fixed 5 min').normalisedWaste).toBeLessThan(1);
    expect(at('fixed 20 min').normalisedWaste).toBeGreaterThan(1);
    // 10 min wastes more than 5 min for the same cold-start percentile: dominated.
    expect(points.filter((p) => p.pareto).map((p) => p.label)).toEqual(['fixed 5 min', 'fixed 20 min']);
  });
});
