import type { HostView } from '../hosts/Host.js';
import type { ClusterView } from './ClusterView.js';
import type { PlacementRequest } from './PlacementRequest.js';

/**
 * Decides whether a container may run on a host: kube-scheduler's Filter extension point.
 * `check` returns null when the host passes, or a short reason ("Insufficient cpu") when it does not;
 * reasons are compared and counted, so return the same string for the same cause.
 *
 * Like a {@link Scorer}, a filter object holds only its configuration; what it works out for one
 * attempt lives in a state object of type `S` that it creates ({@link Filter.createState}) and the
 * scheduler keeps, one per simulation, and hands back as the last argument of `prepare` and `check`
 * (kube-scheduler's CycleState). A filter without `createState` receives `undefined`.
 */
export interface Filter<S = unknown> {
  readonly name: string;
  /**
   * Creates the filter's state, once per scheduler (so once per simulation). The same object comes
   * back in every later call: overwrite its fields in `prepare` rather than building a new one.
   * Absent for filters that keep nothing between calls.
   */
  createState?(): S;
  /**
   * PreFilter: called once per placement attempt before any `check`. Returns false when the filter has
   * nothing to check for this container (it is then skipped), true otherwise. May precompute state.
   */
  prepare?(request: PlacementRequest, cluster: ClusterView, state: S): boolean;
  check(request: PlacementRequest, host: HostView, cluster: ClusterView, state: S): string | null;
  /**
   * True when the verdict depends only on the host's capacity, allocation (`version`), container count,
   * state and GPU devices and on the container's resource requests and GPU device request (kube's
   * NodeResourcesFit, node readiness, GpuDeviceFit; containers holding the same request vectors ask for
   * the same GPU devices, see SharedRequestVectors): when
   * every applicable filter is host-local the scheduler reuses a host's verdict while none of these has
   * changed. An optimisation only: decisions and explain records are the same without it.
   */
  readonly hostLocal?: boolean;
}
