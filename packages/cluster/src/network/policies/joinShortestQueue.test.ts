import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { EndpointView } from '../LoadBalancingPolicy.js';
import { joinShortestQueue } from './joinShortestQueue.js';

const views = (active: number[]): EndpointView[] =>
  active.map((a, i) => ({ name: `web-${i}`, active: a, concurrency: 1, weight: 1 }));

describe('joinShortestQueue', () => {
  it('takes the endpoint with the fewest active requests', () => {
    const rng = createRandom(1).stream('balancing');
    expect(joinShortestQueue().pick(views([3, 1, 2]), 0, rng, undefined)).toBe(1);
    expect(joinShortestQueue().pick(views([0, 5, 5, 5]), 0, rng, undefined)).toBe(0);
    expect(joinShortestQueue().pick(views([5, 5, 5, 0]), 0, rng, undefined)).toBe(3);
  });

  it('breaks ties uniformly at random', () => {
    const rng = createRandom(7).stream('balancing');
    const policy = joinShortestQueue();
    const endpoints = views([1, 0, 2, 0, 0, 1]);
    const counts = [0, 0, 0, 0, 0, 0];
    const n = 30_000;
    for (let i = 0; i < n; i++) counts[policy.pick(endpoints, 0, rng, undefined)]! += 1;
    expect(counts[0]! + counts[2]! + counts[5]!).toBe(0);
    // Each of the three tied endpoints: binomial(n, 1/3), sd = sqrt(n · 1/3 · 2/3) ≈ 82; within 4 sd.
    for (const i of [1, 3, 4]) expect(Math.abs(counts[i]! - n / 3)).toBeLessThan(4 * 82);
  });
});
