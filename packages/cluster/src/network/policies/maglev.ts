import { argumentError } from '@berth/kernel';
import type { EndpointView, LoadBalancingPolicy } from '../LoadBalancingPolicy.js';
import { xxHash32OfInt, xxHash32OfText } from '../xxHash32.js';

/** Options of {@link maglev}, Envoy's `Maglev` fields. */
export interface MaglevOptions {
  /** Entries in the lookup table, a prime (Envoy's `table_size`, default 65,537, at most 5,000,011). */
  readonly tableSize?: number | undefined;
}

/** Envoy's default and largest Maglev table sizes. */
export const MAGLEV_TABLE_SIZE = { default: 65_537, max: 5_000_011 } as const;

/** True when n is a prime (trial division; table sizes are at most a few million). */
export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false;
  return true;
}

/** What {@link maglev} keeps per service: the lookup table. */
export interface MaglevState {
  /** The endpoint (index in the list) of each table entry. */
  readonly table: Int32Array;
  /** Endpoints the table was built for (-1: not built). */
  built: number;
}

/**
 * Maglev consistent hashing (Eisenbud et al., "Maglev: a fast and reliable software network load
 * balancer", NSDI 2016; Envoy's MAGLEV, `maglev_lb.cc`): each endpoint has its own permutation of the
 * table's slots (offset = h₀(name) mod M, skip = h₁(name) mod (M − 1) + 1); the endpoints take turns,
 * each claiming its next preferred slot still free, until the table is full (an endpoint of lower weight
 * skips turns in proportion, as Envoy's weighted build does). A request goes to the entry at its key's
 * hash mod M. Shares are even to within about n/M, lookups cost one array read, and when a replica
 * leaves, its keys move and few others do (the paper's minimal disruption is not perfect: a small
 * fraction of other keys move too). Hashes are xxHash32 with seeds 0 and 1 for h₀ and h₁ of the
 * endpoint's name, and seed 0 of the key's 4 bytes (Envoy uses XXH64). Choose it over ring hash for
 * even shares and fast lookups; it costs a rebuild of M entries when the endpoints change.
 *
 * Requests carry the key their load source draws (`keys`); with none, every request has key 0 and goes
 * to one replica.
 */
export function maglev(options: MaglevOptions = {}): LoadBalancingPolicy<MaglevState> {
  const size = options.tableSize ?? MAGLEV_TABLE_SIZE.default;
  if (!(isPrime(size) && size <= MAGLEV_TABLE_SIZE.max)) {
    throw argumentError('tableSize', `expected a prime of at most ${MAGLEV_TABLE_SIZE.max}, got ${size}`);
  }
  const build = (endpoints: readonly EndpointView[], state: MaglevState): void => {
    const table = state.table;
    state.built = endpoints.length;
    table.fill(-1);
    const n = endpoints.length;
    if (n === 0) return;
    const offset = new Float64Array(n);
    const skip = new Float64Array(n);
    const next = new Float64Array(n);
    /** Turns an endpoint skips between claims, 1 for the heaviest: max weight / weight. */
    const stride = new Float64Array(n);
    /** The turn at which each endpoint claims next. */
    const due = new Float64Array(n);
    let heaviest = 0;
    for (const e of endpoints) heaviest = Math.max(heaviest, e.weight);
    endpoints.forEach((e, i) => {
      offset[i] = xxHash32OfText(e.name, 0) % size;
      skip[i] = (xxHash32OfText(e.name, 1) % (size - 1)) + 1;
      stride[i] = heaviest / e.weight;
      due[i] = stride[i]!;
    });
    let filled = 0;
    for (let turn = 1; filled < size; turn++) {
      for (let i = 0; i < n && filled < size; i++) {
        if (due[i]! > turn) continue;
        due[i] = due[i]! + stride[i]!;
        let slot: number;
        do {
          slot = (offset[i]! + next[i]! * skip[i]!) % size;
          next[i] = next[i]! + 1;
        } while (table[slot] !== -1);
        table[slot] = i;
        filled += 1;
      }
    }
  };
  return {
    name: 'maglev',
    createState: () => ({ table: new Int32Array(size), built: -1 }),
    endpointsChanged: build,
    pick(endpoints, key, _rng, state) {
      if (state.built !== endpoints.length) build(endpoints, state);
      return state.table[xxHash32OfInt(key) % size]!;
    },
  };
}
