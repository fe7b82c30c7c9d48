import { ConfigError, createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { EndpointView } from '../LoadBalancingPolicy.js';
import { ringHash } from './ringHash.js';

const rng = createRandom(1).stream('balancing');
const views = (names: string[], weights = names.map(() => 1)): EndpointView[] =>
  names.map((name, i) => ({ name, active: 0, concurrency: 1, weight: weights[i]! }));
const names = (n: number) => Array.from({ length: n }, (_, i) => `web-${i}`);

/** The endpoint name each key 0..keys−1 maps to. */
function owners(endpoints: EndpointView[], keys: number, options = {}): string[] {
  const policy = ringHash(options);
  const state = policy.createState!();
  policy.endpointsChanged!(endpoints, state);
  return Array.from({ length: keys }, (_, key) => endpoints[policy.pick(endpoints, key, rng, state)]!.name);
}

describe('ringHash', () => {
  it('builds a ring of at least the minimum size, about evenly shared', () => {
    const policy = ringHash();
    const state = policy.createState!();
    policy.endpointsChanged!(views(names(3)), state);
    // Envoy's scale: ⌈1024 × 1/3⌉ / (1/3) = 342 × 3 = 1026 entries, 342 each.
    expect(state.hashes.length).toBe(1026);
    const each = [0, 0, 0];
    for (const o of state.owners) each[o]! += 1;
    expect(each).toEqual([342, 342, 342]);
    for (let i = 1; i < state.hashes.length; i++) expect(state.hashes[i]!).toBeGreaterThanOrEqual(state.hashes[i - 1]!);
  });

  it('keeps each key on one replica; when one of n leaves, its keys move, and others as the ring grows', () => {
    const keys = 20_000;
    const five = views(names(5));
    const four = views(names(5).filter((n) => n !== 'web-2'));
    const before = owners(five, keys);
    expect(owners(five, keys)).toEqual(before);
    const after = owners(four, keys);
    let moved = 0;
    let movedFromLeaver = 0;
    for (let k = 0; k < keys; k++) {
      if (before[k] === 'web-2') movedFromLeaver += 1;
      if (before[k] !== after[k]) moved += 1;
    }
    // All of web-2's keys move. Envoy sizes the ring from the host count, so the four others go from
    // ⌈1024/5⌉ = 205 to 256 entries each, and the 51 new entries of each take some keys of the others:
    // 30% move in all where 1/n is 20% (with ketama's fixed points per host it would be 1/n).
    expect(movedFromLeaver / keys).toBeGreaterThan(0.2 * (2 / 3));
    expect(moved / keys).toBeGreaterThan(movedFromLeaver / keys);
    expect(moved / keys).toBeLessThan(2 * 0.2);
    // The remaining replicas keep every entry they had: the new ring only adds to theirs.
    const ring = (endpoints: EndpointView[]) => {
      const policy = ringHash();
      const state = policy.createState!();
      policy.endpointsChanged!(endpoints, state);
      return Array.from(state.hashes, (h, i) => `${endpoints[state.owners[i]!]!.name}@${h}`);
    };
    const kept = new Set(ring(four));
    const old = ring(five).filter((entry) => !entry.startsWith('web-2@'));
    expect(old.length).toBe(4 * 205);
    expect(old.every((entry) => kept.has(entry))).toBe(true);
    expect(kept.size).toBe(4 * 256);
  });

  it('shares keys in proportion to weight', () => {
    const keys = 30_000;
    const counts = new Map<string, number>();
    for (const o of owners(views(['a', 'b'], [1, 3]), keys, { minRingSize: 4096 })) {
      counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    // a: 1,024 entries of 4,096: share 1/4, within about 4/√1024 of itself.
    expect(Math.abs(counts.get('a')! / keys - 0.25)).toBeLessThan(0.04);
  });

  it('rejects ring sizes out of Envoy’s range', () => {
    expect(() => ringHash({ minRingSize: 0 })).toThrow(ConfigError);
    expect(() => ringHash({ minRingSize: 2048, maxRingSize: 1024 })).toThrow(/maxRingSize/);
    expect(() => ringHash({ maxRingSize: 8_388_609 })).toThrow(/maxRingSize/);
  });
});
