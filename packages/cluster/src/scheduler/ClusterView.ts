import type { RandomStream } from '@berth/kernel';
import type { HostView } from '../hosts/Host.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import type { PlacementRequest } from './PlacementRequest.js';

/** The topology key under which every host is its own domain (Kubernetes' `kubernetes.io/hostname`). */
export const HOSTNAME = 'hostname';

/** The value of a host's topology domain for `key`, or undefined when the host lacks the label. */
export function domainOf(host: HostView, key: string): string | undefined {
  if (key === HOSTNAME) return host.name;
  return Object.hasOwn(host.labels, key) ? host.labels[key] : undefined;
}

/** What plugins may read of the whole cluster while placing one container. */
export interface ClusterView {
  readonly hosts: readonly HostView[];
  readonly resources: ResourceCatalog;
  /**
   * Free capacity of every host in one matrix: `free[host.id * resources.size + r]` is
   * `host.capacity[r] - host.allocated[r]`, the same expression, so bit-identical. A plugin that checks
   * many hosts per placement reads this rather than each host's own vectors: one contiguous array is
   * far cheaper to walk than two small arrays per host. The array is replaced when hosts join: read it
   * from the view each time rather than keeping it.
   */
  readonly free: Float64Array;
  /** The scheduler's random stream (for tie-breaks and sampling); plugins must draw only from it. */
  readonly rng: RandomStream;
  /** Number of running or bound containers of `service` in the domain `domain` of `key`. */
  domainCount(key: string, domain: string, service: string): number;
  /** Every domain value of `key` among schedulable hosts, with its count of `service` containers. */
  domainCounts(key: string, service: string): ReadonlyMap<string, number>;
  /** Containers bound to `host`, in binding order. */
  containersOn(host: HostView): ReadonlySet<PlacementRequest>;
  /**
   * The bound containers that carry pod affinity or anti-affinity terms, with their hosts
   * (kube-scheduler's PodsWithAffinity): kept as containers bind and unbind, so that a placement in a
   * cluster where no container has such terms sees an empty map and does no work for them.
   */
  readonly affinityHolders: ReadonlyMap<PlacementRequest, HostView>;
  /** The simulated time of the placement (ms). */
  readonly now: number;
  /**
   * Failures (crashes and failed ends) of the request's owner — its service revision, or its job —
   * on the host within SwarmKit's 5-minute lookback before `now`; 0 for a container of neither.
   */
  recentFailures(host: HostView, request: PlacementRequest): number;
  /** True while no task failure has been recorded: scorers of failures may skip at no cost. */
  readonly failureFree: boolean;
}
