import type { Container } from '../containers/Container.js';
import { MEMORY } from '../resources/ResourceCatalog.js';

/** A container with its memory usage (MiB) at the moment of ranking. */
export interface UsageSample {
  readonly container: Container;
  readonly usage: number;
}

/**
 * The kubelet's eviction order under memory pressure (kubernetes.io "Node-pressure Eviction", pod
 * selection; pkg/kubelet/eviction rankMemoryPressure): first the containers using more than their
 * request, then lower priority first, then the largest usage above the request first. Ties go to
 * the older container (lower id), so the order is total.
 */
export function rankMemoryPressure(a: UsageSample, b: UsageSample): number {
  const excessA = a.usage - (a.container.requests[MEMORY] ?? 0);
  const excessB = b.usage - (b.container.requests[MEMORY] ?? 0);
  return (
    Number(excessB > 0) - Number(excessA > 0) ||
    a.container.priority - b.container.priority ||
    excessB - excessA ||
    a.container.id - b.container.id
  );
}
