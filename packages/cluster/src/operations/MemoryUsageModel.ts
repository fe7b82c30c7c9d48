import type { Container } from '../containers/Container.js';
import { MEMORY } from '../resources/ResourceCatalog.js';

/**
 * How much memory a container's process actually uses (its working set, in MiB) over time: what the
 * kubelet's memory-pressure eviction and the kernel's OOM killer act on, as opposed to the requests
 * the scheduler reserves. A plain object with a stable `name`; factories return fresh instances, so
 * two simulations never share state.
 */
export interface MemoryUsageModel {
  readonly name: string;
  /** Usage in MiB at `now`; asked only about containers whose process is up (`health.alive`). */
  usage(container: Container, now: number): number;
}

/**
 * The amount usage models scale with: the container's memory request, or 200 MiB when it requests
 * none (kube-scheduler's DefaultMemoryRequest, already in `nonZeroRequests`), so that best-effort
 * containers use memory too.
 */
export function usageBase(container: Container): number {
  return container.nonZeroRequests[MEMORY] ?? 0;
}
