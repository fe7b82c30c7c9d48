import type { HostView } from '../hosts/Host.js';
import type { ClusterView } from './ClusterView.js';
import type { PlacementRequest } from './PlacementRequest.js';

/**
 * Decides whether a container may run on a host: kube-scheduler's Filter extension point.
 * `check` returns null when the host passes, or a short reason ("Insufficient cpu") when it does not;
 * reasons are compared and counted, so return the same string for the same cause.
 */
export interface Filter {
  readonly name: string;
  /**
   * PreFilter: called once per placement attempt before any `check`. Returns false when the filter has
   * nothing to check for this container (it is then skipped), true otherwise. May precompute state.
   */
  prepare?(request: PlacementRequest, cluster: ClusterView): boolean;
  check(request: PlacementRequest, host: HostView, cluster: ClusterView): string | null;
  /**
   * True when the verdict depends only on the host's capacity, allocation (`version`), container count
   * and state and on the container's resource requests (kube's NodeResourcesFit, node readiness): when
   * every applicable filter is host-local the scheduler reuses a host's verdict while none of these has
   * changed. An optimisation only: decisions and explain records are the same without it.
   */
  readonly hostLocal?: boolean;
}
