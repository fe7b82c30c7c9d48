import { ConfigError, createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { EndpointView } from '../LoadBalancingPolicy.js';
import { isPrime, maglev } from './maglev.js';

const rng = createRandom(1).stream('balancing');
const views = (names: string[], weights = names.map(() => 1)): EndpointView[] =>
  names.map((name, i) => ({ name, active: 0, concurrency: 1, weight: weights[i]! }));
const names = (n: number) => Array.from({ length: n }, (_, i) => `web-${i}`);

function table(endpoints: EndpointView[], tableSize?: number): Int32Array {
  const policy = maglev({ tableSize });
  const state = policy.createState!();
  policy.endpointsChanged!(endpoints, state);
  return state.table;
}

describe('maglev', () => {
  it('fills the table, each of n endpoints taking ⌊M/n⌋ or ⌈M/n⌉ entries', () => {
    const t = table(views(names(7)));
    expect(t.length).toBe(65_537);
    const each = new Array(7).fill(0);
    for (const o of t) each[o] += 1;
    // Equal weights: turns round the endpoints, one entry each, until the table is full.
    for (const c of each) expect([9362, 9363]).toContain(c);
  });

  it('keeps each key on one replica, and when one of n leaves moves its keys and few others', () => {
    const policy = maglev();
    const five = views(names(5));
    const four = views(names(5).filter((n) => n !== 'web-2'));
    const s5 = policy.createState!();
    policy.endpointsChanged!(five, s5);
    const s4 = policy.createState!();
    policy.endpointsChanged!(four, s4);
    const keys = 20_000;
    let moved = 0;
    let movedOthers = 0;
    for (let k = 0; k < keys; k++) {
      const before = five[policy.pick(five, k, rng, s5)]!.name;
      expect(five[policy.pick(five, k, rng, s5)]!.name).toBe(before);
      const after = four[policy.pick(four, k, rng, s4)]!.name;
      if (before !== after) {
        moved += 1;
        if (before !== 'web-2') movedOthers += 1;
      }
    }
    // web-2 held 1/5 of the table, all of which moves (binomial sd over 20,000 keys ≈ 0.3%); Maglev's
    // disruption is not minimal, but with M = 65,537 ≫ n only a few per cent of the others move.
    expect(Math.abs((moved - movedOthers) / keys - 0.2)).toBeLessThan(0.012);
    expect(movedOthers / keys).toBeLessThan(0.05);
    expect(moved / keys).toBeLessThan(0.25);
  });

  it('shares the table in proportion to weight', () => {
    const t = table(views(['a', 'b', 'c'], [1, 2, 1]));
    const each = [0, 0, 0];
    for (const o of t) each[o]! += 1;
    // b claims every turn, a and c every other: 1/4, 1/2, 1/4 to within a turn.
    expect(Math.abs(each[0]! - 65_537 / 4)).toBeLessThanOrEqual(2);
    expect(Math.abs(each[1]! - 65_537 / 2)).toBeLessThanOrEqual(2);
  });

  it('accepts prime table sizes only, up to Envoy’s 5,000,011', () => {
    expect(table(views(names(2)), 13).length).toBe(13);
    expect(() => maglev({ tableSize: 65_536 })).toThrow(ConfigError);
    expect(() => maglev({ tableSize: 5_000_111 })).toThrow(/tableSize/);
    expect([2, 3, 5, 65_537, 5_000_011].every(isPrime)).toBe(true);
    expect([0, 1, 4, 9, 65_535, 5_000_013].some(isPrime)).toBe(false);
  });
});
