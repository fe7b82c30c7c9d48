import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { createRandom } from '@berth/kernel';

/**
 * Vector-packing instances whose optimum is known: `hosts` full hosts of capacity `capacity` (one
 * number per resource) are each cut into 2-6 items by cutting every resource independently at random
 * points, the pieces of one host paired in order. The items of a host add up to its capacity in every
 * resource, so the items need at least `hosts` hosts (their total fills that many exactly) and
 * `hosts` suffice (put each host's items back): the optimum is `hosts`. Items come in a random order
 * (arrivals); every piece is at least 1 unit.
 */
export interface KnownOptimumInstance {
  readonly resources: readonly string[];
  readonly capacity: readonly number[];
  readonly optimum: number;
  /** Item sizes, one vector per item, in arrival order. */
  readonly items: ReadonlyArray<readonly number[]>;
}

/** Resource names of the instances: cpu (millicores), memory (MiB), then an extended resource. */
const RESOURCES = ['cpu', 'memory', 'example.com/disk'] as const;
/** A host: 64 cpus, 256 GiB, 1,000 disk units. */
const CAPACITY = [64_000, 262_144, 1000] as const;

/** One instance of `hosts` hosts in `dimensions` (2 or 3) resources, from `seed`. */
export function knownOptimumInstance(dimensions: 2 | 3, hosts: number, seed: number): KnownOptimumInstance {
  const rng = createRandom(`packing-${dimensions}-${seed}`).stream('items');
  const capacity = CAPACITY.slice(0, dimensions);
  const items: number[][] = [];
  for (let h = 0; h < hosts; h++) {
    const k = rng.integer(2, 7);
    const pieces = capacity.map((cap) => cut(cap, k, rng));
    for (let i = 0; i < k; i++) items.push(pieces.map((p) => p[i]!));
  }
  // Arrival order: a shuffle.
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.integer(0, i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return { resources: RESOURCES.slice(0, dimensions), capacity, optimum: hosts, items };
}

/** `k` positive integers adding up to `total`: the gaps between k − 1 distinct random cut points. */
function cut(total: number, k: number, rng: ReturnType<ReturnType<typeof createRandom>['stream']>): number[] {
  const points = new Set<number>();
  while (points.size < k - 1) points.add(rng.integer(1, total));
  const sorted = [0, ...[...points].sort((a, b) => a - b), total];
  return sorted.slice(1).map((p, i) => p - sorted[i]!);
}

/** The items by decreasing size sum (each resource as a fraction of the host): the order of FFD by size sum. */
export function bySizeSum(instance: KnownOptimumInstance): ReadonlyArray<readonly number[]> {
  const size = (item: readonly number[]) => item.reduce((s, x, r) => s + x / instance.capacity[r]!, 0);
  // Stable: equal sums keep their arrival order.
  return instance.items
    .map((item, i) => ({ item, i, s: size(item) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.item);
}

/** A strategy as a scenario's scheduler section, with the name the tables give it. */
export interface PackingStrategy {
  readonly label: string;
  readonly scheduler: (resources: readonly string[]) => NonNullable<ScenarioInput['scheduler']>;
}

/** Resource weights of 1 for every resource of the instance, for the scorers that take them. */
const everyResource = (resources: readonly string[]) => Object.fromEntries(resources.map((r) => [r, 1]));

/** Every multi-resource strategy Berth has that places one container at a time, for the table. */
export const PACKING_STRATEGIES: readonly PackingStrategy[] = [
  { label: 'first-fit', scheduler: () => ({ strategy: 'first-fit' }) },
  { label: 'best-fit', scheduler: () => ({ strategy: 'best-fit' }) },
  { label: 'worst-fit', scheduler: () => ({ strategy: 'worst-fit' }) },
  ...['MostAllocated', 'LeastAllocated', 'BalancedAllocation', 'DotProductPacking', 'DotProductAlignment'].map(
    (name): PackingStrategy => ({
      label: name,
      scheduler: (resources) => ({
        strategy: 'least-allocated',
        scorers: [{ name, resources: everyResource(resources) }],
      }),
    }),
  ),
  {
    label: 'RequestedToCapacityRatio (packing shape)',
    scheduler: (resources) => ({
      strategy: 'least-allocated',
      scorers: [
        {
          name: 'RequestedToCapacityRatio',
          resources: everyResource(resources),
          shape: [
            { utilization: 0, score: 0 },
            { utilization: 100, score: 10 },
          ],
        },
      ],
    }),
  },
  {
    label: 'MostAllocated + StrandedResources',
    scheduler: (resources) => ({
      strategy: 'least-allocated',
      scorers: [
        { name: 'MostAllocated', resources: everyResource(resources) },
        { name: 'StrandedResources', resources: everyResource(resources) },
      ],
    }),
  },
  { label: 'kubernetes', scheduler: () => ({ strategy: 'kubernetes' }) },
  { label: 'swarm-binpack', scheduler: () => ({ strategy: 'swarm-binpack' }) },
  { label: 'nomad-binpack', scheduler: () => ({ strategy: 'nomad-binpack' }) },
];

/**
 * Hosts used when `items` arrive one at a time, in order, under `scheduler`, on a pool of `pool`
 * identical empty hosts; -1 when an item found no host (the pool was too small).
 */
export function hostsUsed(
  instance: KnownOptimumInstance,
  items: ReadonlyArray<readonly number[]>,
  scheduler: NonNullable<ScenarioInput['scheduler']>,
  pool: number,
  seed = 1,
): number {
  const unit = (r: string, x: number) => (r === 'cpu' ? `${x}m` : r === 'memory' ? `${x}Mi` : x);
  const capacity = Object.fromEntries(instance.resources.map((r, i) => [r, unit(r, instance.capacity[i]!)]));
  const sim = createSimulation(
    {
      seed,
      scheduler,
      hosts: [{ group: 'h', count: pool, capacity, maxContainers: 1000 }],
      containers: items.map((item, i) => ({
        name: `i${i}`,
        requests: Object.fromEntries(instance.resources.map((r, j) => [r, unit(r, item[j]!)])),
      })),
      submission: { every: '1ms', forever: true },
    },
    { eventLog: { keep: 'none' } },
  ).run(items.length + 60_000);
  const snapshot = sim.snapshot();
  if (Object.values(snapshot.containers).some((c) => c.host === null || c.host === undefined)) return -1;
  return Object.values(snapshot.hosts).filter((h) => h.containers.length > 0).length;
}
