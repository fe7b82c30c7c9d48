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

  it('first fit on a cluster filled from the front visits O(log n) tree nodes per search', () => {
    // The scaling benchmark's workload: hosts of 16 cpu / 64 GiB, 10 containers per host of five
    // shapes, placed one by one. First fit leaves a front of nearly full hosts, some short of cpu and
    // some of memory; the tree's maxima per range come from different hosts there, so a search from the
    // first host goes down into that front over and over: it visited about 91 nodes per search at
    // 1,000 hosts and 638 at 8,000. Starting at the remembered first host with room, it walks only the
    // hosts filled since the last search: about 15 and 20.
    const shapes = [
      ...Array.from({ length: 8 }, () => Float64Array.of(250, 512, 0)),
      ...Array.from({ length: 5 }, () => Float64Array.of(1000, 2048, 0)),
      ...Array.from({ length: 3 }, () => Float64Array.of(2000, 1024, 0)),
      ...Array.from({ length: 3 }, () => Float64Array.of(500, 8192, 0)),
      Float64Array.of(4000, 16_384, 0),
    ];
    for (const n of [1000, 8000]) {
      const hosts = Array.from(
        { length: n },
        (_, i) => new Host(i, `h-${i}`, 'std', Float64Array.of(16_000, 65_536, 0), 110, {}, [], 0),
      );
      const index = new CapacityIndex(hosts, Float64Array.of(1, 1, 1));
      // Count every call of the recursive search: one per tree node visited.
      let visits = 0;
      const search = index as unknown as { first: (...args: unknown[]) => number };
      const first = search.first;
      search.first = (...args) => {
        visits++;
        return first.apply(index, args);
      };
      for (let k = 0; k < 10 * n; k++) {
        // In the benchmark's order: 8 small, 5 medium, 3 cpu-heavy, 3 memory-heavy, 1 large, repeated.
        const request = shapes[k % shapes.length]!;
        const id = index.firstFit(request, 0, all);
        expect(id).toBeGreaterThanOrEqual(0);
        const host = hosts[id]!;
        host.bind(request, request, undefined);
        index.update(host);
      }
      expect(visits / (10 * n)).toBeLessThan(4 * Math.log2(n));
    }
  });

  it('starts a request never seen before past the front, when it needs more than a remembered one', () => {
    // A front of n hosts alternately short of cpu and short of memory, then one empty host: every
    // range of the front looks able to hold 1 cpu / 1 GiB (its maxima come from two hosts) and none of
    // its hosts can, so a search from host 0 visits the whole front.
    const n = 4096;
    const hosts = Array.from({ length: n + 1 }, (_, i) => {
      const host = new Host(i, `h-${i}`, 'std', Float64Array.of(16_000, 65_536, 0), 110, {}, [], 0);
      if (i < n) host.allocated.set(i % 2 === 0 ? [15_500, 0, 0] : [0, 65_280, 0]);
      return host;
    });
    const index = new CapacityIndex(hosts, Float64Array.of(1, 1, 1));
    let visits = 0;
    const search = index as unknown as { first: (...args: unknown[]) => number };
    const first = search.first;
    search.first = (...args) => {
      visits++;
      return first.apply(index, args);
    };
    expect(index.firstFit(Float64Array.of(1000, 1024, 0), 0, all)).toBe(n);
    expect(visits).toBeGreaterThan(n);
    // Then 100 requests, each new and larger in every resource than the first: their search starts
    // where the first one's memo points (no host before it has room for a larger request either).
    visits = 0;
    for (let k = 1; k <= 100; k++) expect(index.firstFit(Float64Array.of(1000 + k, 1024 + k, 0), 0, all)).toBe(n);
    expect(visits / 100).toBeLessThan(2 * Math.log2(n));
  });
});
