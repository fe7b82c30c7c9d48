import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { EndpointView } from '../LoadBalancingPolicy.js';
import { leastConnections } from './leastConnections.js';

const rng = createRandom(1).stream('balancing');
const views = (active: number[]): EndpointView[] =>
  active.map((a, i) => ({ name: `web-${i}`, active: a, concurrency: 1, weight: 1 }));

describe('leastConnections', () => {
  it.each([
    // active per endpoint → the pick: the fewest, the first of them on a tie (IPVS lc).
    [[3, 1, 2], 1],
    [[0, 0, 0], 0],
    [[2, 1, 1], 1],
    [[5], 0],
    [[4, 4, 3, 3], 2],
  ])('active %j → endpoint %i', (active, expected) => {
    expect(leastConnections().pick(views(active), 0, rng, undefined)).toBe(expected);
  });
});
