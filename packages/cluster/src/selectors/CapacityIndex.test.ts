import { describe, expect, it } from 'vitest';
import { Host, type HostView } from '../hosts/Host.js';
import { CapacityIndex } from './CapacityIndex.js';

/** `n` identical empty hosts then one twice their size, and a count of the hosts a search reads. */
function fleet(n: number) {
  const hosts: Host[] = [];
  for (let i = 0; i <= n; i++) {
    const big = i === n;
    hosts.push(
      new Host(
        i,
        `h-${i}`,
        big ? 'big' : 'std',
        Float64Array.of(big ? 32_000 : 16_000, big ? 131_072 : 65_536, 0),
        110,
        {},
        [],
        0,
      ),
    );
  }
  let reads = 0;
  const counted = new Proxy(hosts, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  }) as readonly HostView[];
  const index = new CapacityIndex(counted, Float64Array.of(1, 1, 1));
  return { hosts, index, reads: () => reads, reset: () => (reads = 0) };
}

const all = () => true;

describe('CapacityIndex', () => {
  it('breaks ties among many equal empty hosts without reading them all', () => {
    for (const n of [1500, 24_000]) {
      const { hosts, index, reads, reset } = fleet(n);
      const request = Float64Array.of(500, 1024, 0);
      // The big host, half full, sits in the root's right half with empty standard hosts: that half's
      // bound (the largest key less the request over the largest capacity) beats the left half's, so
      // the search goes right first, finds the first empty standard host there, and then looks left
      // for an equal host with a lower id: every standard host ties.
      const big = hosts[n]!;
      big.allocated[0] = 16_000;
      index.update(big);
      reset();
      expect(index.bestFit(request, true, all)).toBe(0);
      // A walk down the tree and back, not a visit of every tied host: O(log n) reads.
      expect(reads()).toBeLessThan(8 * Math.log2(n));
      reset();
      expect(index.bestFit(request, false, all)).toBe(n);
      expect(reads()).toBeLessThan(8 * Math.log2(n));
    }
  });

  it('still prefers an earlier tie found after a later one (a tie to the left of the first answer)', () => {
    const { hosts, index } = fleet(64);
    const request = Float64Array.of(500, 1024, 0);
    // Fill host 40 less than the others: it is the worst fit; then make host 3 exactly as empty.
    for (const h of hosts) if (h.id !== 40 && h.id !== 64) h.allocated[0] = 1000;
    hosts[64]!.state = 'down';
    for (const h of hosts) index.update(h);
    expect(index.bestFit(request, true, all)).toBe(40);
    hosts[3]!.allocated[0] = 0;
    index.update(hosts[3]!);
    expect(index.bestFit(request, true, all)).toBe(3);
  });
});
