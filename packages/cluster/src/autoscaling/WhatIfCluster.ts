import type { RandomStream } from '@berth/kernel';
import { defaultFilters } from '../filters/defaultFilters.js';
import { Host, type HostView } from '../hosts/Host.js';
import type { Taint } from '../hosts/Taint.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { type ClusterView, domainOf, HOSTNAME } from '../scheduler/ClusterView.js';
import type { Filter } from '../scheduler/Filter.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';

/** A host a node group or a provisioner would add: capacity in Berth's units, labels, taints. */
export interface HostTemplate {
  readonly capacity: Float64Array;
  readonly maxContainers: number;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
}

/**
 * A scratch copy of (part of) the cluster on which an autoscaler asks "would these containers fit?":
 * cluster-autoscaler's ClusterSnapshot with its scheduling simulation, and Karpenter's scheduling
 * simulation. Copies of real hosts keep their current allocation; hosts made from a template start
 * empty. Placement runs the built-in strategies' filters (`defaultFilters`: readiness, resource fit,
 * node selector and affinity, taints, anti-affinity, topology spread) against this copy, never against
 * the real cluster, which it never changes. One per question: building it copies what it holds.
 */
export class WhatIfCluster implements ClusterView {
  readonly hosts: Host[] = [];
  free: Float64Array;
  readonly affinityHolders = new Map<PlacementRequest, Host>();
  /** A what-if copy keeps no clock and no failure history: SwarmKit's failure rule never applies here. */
  readonly now = 0;
  readonly failureFree = true;
  /** The requests booked on each host of this copy. */
  private readonly bound = new Map<HostView, Set<PlacementRequest>>();
  private readonly filters: Filter[] = defaultFilters();
  private readonly states: unknown[];
  /** Per filter: whether it applies to the request being placed (its PreFilter kept it). */
  private readonly active: boolean[] = [];

  constructor(
    readonly resources: ResourceCatalog,
    readonly rng: RandomStream,
  ) {
    this.free = new Float64Array(8 * resources.size);
    this.states = this.filters.map((f) => f.createState?.());
  }

  /** Adds a copy of a real host holding the given containers (those that stay on it). */
  addCopy(host: Host, containers: Iterable<PlacementRequest>): Host {
    const copy = this.push(host.name, host.group, host.capacity, host.maxContainers, host.labels, host.taints);
    for (const c of containers) this.book(c, copy);
    this.refresh(copy);
    return copy;
  }

  /** Adds an empty host made from a template. */
  addTemplate(name: string, group: string, template: HostTemplate): Host {
    return this.push(name, group, template.capacity, template.maxContainers, template.labels, template.taints);
  }

  /** True when `request` passes every filter on `host` (prepared afresh for this request). */
  fits(request: PlacementRequest, host: Host): boolean {
    return this.prepare(request) && this.check(request, host);
  }

  /**
   * The first host among `candidates` (default: all, in order of addition) where `request` passes
   * every filter, or null. First fit, as cluster-autoscaler's binpacking estimator and its
   * scale-down simulation (which take the first node that passes the scheduler's filters).
   */
  firstFit(request: PlacementRequest, candidates: readonly Host[] = this.hosts): Host | null {
    if (!this.prepare(request)) return null;
    for (const host of candidates) if (this.check(request, host)) return host;
    return null;
  }

  /** Books `request` on `host` in this copy. */
  bind(request: PlacementRequest, host: Host): void {
    this.book(request, host);
    this.refresh(host);
  }

  recentFailures(): number {
    return 0;
  }

  containersOn(host: HostView): ReadonlySet<PlacementRequest> {
    return this.bound.get(host) ?? NONE;
  }

  private book(request: PlacementRequest, host: Host): void {
    host.bind(request.requests, request.nonZeroRequests, request.service);
    let set = this.bound.get(host);
    if (set === undefined) {
      set = new Set();
      this.bound.set(host, set);
    }
    set.add(request);
    if (request.podAffinity !== undefined || request.podAntiAffinity !== undefined)
      this.affinityHolders.set(request, host);
  }

  /**
   * Moves `containers` off `from`, each to the first other host that takes it, with `from` closed.
   * True when every one found a place; the copy then keeps the move if `keep`, else it is undone.
   * On failure the copy is left as it was.
   */
  moveOff(from: Host, containers: readonly PlacementRequest[], keep: boolean): boolean {
    const state = from.state;
    from.state = 'down';
    for (const c of containers) this.unbind(c, from);
    const moved: Host[] = [];
    let all = true;
    for (const c of containers) {
      const to = this.firstFit(c);
      if (to === null) {
        all = false;
        break;
      }
      this.bind(c, to);
      moved.push(to);
    }
    if (all && keep) return true;
    for (let i = 0; i < moved.length; i++) this.unbind(containers[i]!, moved[i]!);
    for (const c of containers) this.bind(c, from);
    from.state = state;
    return all;
  }

  /** Takes `request` off `host` in this copy. */
  unbind(request: PlacementRequest, host: Host): void {
    host.unbind(request.requests, request.nonZeroRequests, request.service);
    this.bound.get(host)?.delete(request);
    this.affinityHolders.delete(request);
    this.refresh(host);
  }

  domainCount(key: string, domain: string, service: string): number {
    if (key === HOSTNAME) {
      for (const host of this.hosts) if (host.name === domain) return host.serviceCount(service);
      return 0;
    }
    let n = 0;
    for (const host of this.hosts) if (host.labels[key] === domain) n += host.serviceCount(service);
    return n;
  }

  domainCounts(key: string, service: string): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const host of this.hosts) {
      if (host.state !== 'ready') continue;
      const domain = domainOf(host, key);
      if (domain === undefined) continue;
      out.set(domain, (out.get(domain) ?? 0) + host.serviceCount(service));
    }
    return out;
  }

  private prepare(request: PlacementRequest): boolean {
    const filters = this.filters;
    for (let i = 0; i < filters.length; i++) {
      const f = filters[i]!;
      // A filter whose PreFilter says it has nothing to check is skipped for this request.
      this.active[i] = f.prepare === undefined || f.prepare(request, this, this.states[i]);
    }
    return true;
  }

  private check(request: PlacementRequest, host: Host): boolean {
    const filters = this.filters;
    for (let i = 0; i < filters.length; i++) {
      if (!this.active[i]) continue;
      if (filters[i]!.check(request, host, this, this.states[i]) !== null) return false;
    }
    return true;
  }

  private push(
    name: string,
    group: string,
    capacity: Float64Array,
    maxContainers: number,
    labels: Readonly<Record<string, string>>,
    taints: readonly Taint[],
  ): Host {
    const host = new Host(this.hosts.length, name, group, capacity, maxContainers, labels, taints, 0);
    this.hosts.push(host);
    const size = this.resources.size;
    if (this.free.length < this.hosts.length * size) {
      const grown = new Float64Array(2 * this.hosts.length * size);
      grown.set(this.free);
      this.free = grown;
    }
    this.refresh(host);
    return host;
  }

  private refresh(host: Host): void {
    const { capacity, allocated } = host;
    const base = host.id * capacity.length;
    for (let r = 0; r < capacity.length; r++) this.free[base + r] = capacity[r]! - allocated[r]!;
  }
}

const NONE: ReadonlySet<PlacementRequest> = new Set();
