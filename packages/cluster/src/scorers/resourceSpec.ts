import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { MEMORY } from '../resources/ResourceCatalog.js';

/** A resource and its weight in a resource scorer, as in kube-scheduler's `ResourceSpec`. */
export interface ResourceWeight {
  readonly name: string;
  readonly weight: number;
}

/** kube-scheduler's default resources for NodeResourcesFit and BalancedAllocation: cpu and memory, weight 1 each. */
export const DEFAULT_RESOURCES: readonly ResourceWeight[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** Validated resource weights resolved to positions in the simulation's resource vectors. */
export interface ResolvedResources {
  readonly indexes: Int32Array;
  readonly weights: Int32Array;
}

/**
 * Resolves resource weights against the catalog. As kube-scheduler validates them, each weight must be
 * an integer from 1 to 100.
 */
export function resolveResources(
  scorer: string,
  resources: readonly ResourceWeight[],
  catalog: ResourceCatalog,
): ResolvedResources {
  const indexes = new Int32Array(resources.length);
  const weights = new Int32Array(resources.length);
  resources.forEach((r, i) => {
    const index = catalog.indexOf(r.name);
    if (index < 0) throw new RangeError(`${scorer}: unknown resource '${r.name}'`);
    if (!(Number.isInteger(r.weight) && r.weight >= 1 && r.weight <= 100)) {
      throw new RangeError(`${scorer}: weight of '${r.name}' must be an integer from 1 to 100, got ${r.weight}`);
    }
    indexes[i] = index;
    weights[i] = r.weight;
  });
  return { indexes, weights };
}

/**
 * An amount in kube-scheduler's integer units: memory in bytes (Berth keeps MiB), everything else as
 * is, rounded up as Quantity.MilliValue/Value do. Exact for hosts below about 40 TiB of memory, where
 * the integer arithmetic of the scorers stays inside JavaScript's exact integer range.
 */
export function kubeAmount(resource: number, amount: number): number {
  return resource === MEMORY ? Math.ceil(amount * 1_048_576) : Math.ceil(amount);
}

/**
 * Whether kube-scheduler's resource scorers treat a resource as a scalar (extended) resource: everything
 * but cpu and memory (Berth's `gpu` stands for `nvidia.com/gpu`; other names for `example.com/foo`).
 * A scalar resource the container does not request is left out of the score altogether, on every host,
 * as if the host had none (resource_allocation.go, `calculateResourceAllocatableRequest`: "if it's an
 * extended resource, and the pod doesn't request it", via `schedutil.IsScalarResourceName`).
 */
export function skipsUnrequested(resource: number): boolean {
  return resource > MEMORY;
}
