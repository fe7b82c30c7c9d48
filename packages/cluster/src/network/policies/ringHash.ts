import { argumentError } from '@berth/kernel';
import type { EndpointView, LoadBalancingPolicy } from '../LoadBalancingPolicy.js';
import { xxHash32OfInt, xxHash32OfText } from '../xxHash32.js';

/** Options of {@link ringHash}, Envoy's `RingHash` fields. */
export interface RingHashOptions {
  /** Fewest entries on the ring (Envoy's `minimum_ring_size`, default 1,024). */
  readonly minRingSize?: number | undefined;
  /** Most entries on the ring (Envoy's `maximum_ring_size`, default 8,388,608). */
  readonly maxRingSize?: number | undefined;
}

/** Envoy's limits and defaults of the ring size. */
export const RING_SIZE = { min: 1024, max: 8_388_608 } as const;

/** What {@link ringHash} keeps per service: the ring, sorted by hash. */
export interface RingHashState {
  /** Hash of each ring entry, ascending. */
  hashes: Uint32Array;
  /** The endpoint (index in the list) of each ring entry. */
  owners: Int32Array;
  /** Endpoints the ring was built for (-1: not built). */
  built: number;
}

/**
 * Consistent hashing on a ring, Envoy's RING_HASH (envoyproxy/envoy, `ring_hash_lb.cc`, Karger et al.
 * 1997): each endpoint is hashed onto a ring many times (`name_0`, `name_1`, …, in proportion to its
 * weight, enough that the smallest share gets ⌈minRingSize × share⌉ entries, at most maxRingSize in
 * all); a request goes to the first entry at or after its key's hash, going round. A key stays on one
 * replica while that replica is listed; when one of n replicas leaves, its keys (about 1/n) move, and
 * since Envoy sizes the ring from the host count the others gain entries that take some more keys
 * (5 → 4 replicas moves 30% of the keys; ketama's fixed points per host would move 20%). Hashes are xxHash32 of the endpoint's name and of the key's 4 bytes (Envoy hashes the host's
 * address with XXH64). Choose it for caches and sticky sessions; it spreads less evenly than Maglev
 * (an endpoint's share varies by about 1/√(entries per endpoint)).
 *
 * Requests carry the key their load source draws (`keys`); with none, every request has key 0 and goes
 * to one replica.
 */
export function ringHash(options: RingHashOptions = {}): LoadBalancingPolicy<RingHashState> {
  const minRing = options.minRingSize ?? RING_SIZE.min;
  const maxRing = options.maxRingSize ?? RING_SIZE.max;
  if (!(Number.isInteger(minRing) && minRing >= 1 && minRing <= RING_SIZE.max)) {
    throw argumentError('minRingSize', `expected an integer from 1 to ${RING_SIZE.max}, got ${minRing}`);
  }
  if (!(Number.isInteger(maxRing) && maxRing >= minRing && maxRing <= RING_SIZE.max)) {
    throw argumentError(
      'maxRingSize',
      `expected an integer from minRingSize (${minRing}) to ${RING_SIZE.max}, got ${maxRing}`,
    );
  }
  const build = (endpoints: readonly EndpointView[], state: RingHashState): void => {
    state.built = endpoints.length;
    let total = 0;
    for (const e of endpoints) total += e.weight;
    let minShare = 1;
    for (const e of endpoints) minShare = Math.min(minShare, e.weight / total);
    // Envoy's scale: the smallest share gets at least ⌈minRing × share⌉ entries, within maxRing.
    const scale = Math.min(Math.ceil(minShare * minRing) / minShare, maxRing);
    const entries: Array<{ hash: number; owner: number }> = [];
    let current = 0;
    let target = 0;
    endpoints.forEach((e, owner) => {
      target += (scale * e.weight) / total;
      for (let i = 0; current < target; i++, current++) {
        entries.push({ hash: xxHash32OfText(`${e.name}_${i}`), owner });
      }
    });
    entries.sort((a, b) => a.hash - b.hash || a.owner - b.owner);
    state.hashes = Uint32Array.from(entries, (x) => x.hash);
    state.owners = Int32Array.from(entries, (x) => x.owner);
  };
  return {
    name: 'ring-hash',
    createState: () => ({ hashes: new Uint32Array(0), owners: new Int32Array(0), built: -1 }),
    endpointsChanged: build,
    pick(endpoints, key, _rng, state) {
      if (state.built !== endpoints.length) build(endpoints, state);
      const hashes = state.hashes;
      const h = xxHash32OfInt(key);
      // The first entry whose hash is at or after h, or the first of the ring.
      let lo = 0;
      let hi = hashes.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (hashes[mid]! < h) lo = mid + 1;
        else hi = mid;
      }
      return state.owners[lo === hashes.length ? 0 : lo]!;
    },
  };
}
