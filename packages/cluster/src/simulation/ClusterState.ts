import type { RandomStream } from '@berth/kernel';
import { type Container, isFinished } from '../containers/Container.js';
import { chooseDevices } from '../gpu/chooseDevices.js';
import type { Host, HostView } from '../hosts/Host.js';
import type { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { type ClusterView, domainOf, HOSTNAME } from '../scheduler/ClusterView.js';
import type { PlacementRequest } from '../scheduler/PlacementRequest.js';
import { failureOwner, TaskFailures } from '../scheduler/TaskFailures.js';

/** What the parts of a simulation may read of the cluster's books (they change it through the runtime's actions). */
export interface ClusterReader extends ClusterView {
  readonly hosts: readonly Host[];
  readonly hostsByName: ReadonlyMap<string, Host>;
  /** Containers bound to a host, in binding order. */
  containersOn(host: HostView): ReadonlySet<Container>;
}

/**
 * The mutable books of a simulated cluster: hosts, every container by name, which containers are bound
 * where, and counts of service containers per topology domain, kept incrementally for the keys
 * plugins ask about.
 */
export class ClusterState implements ClusterReader {
  readonly hostsByName = new Map<string, Host>();
  /** Every container created and not forgotten, by name, in creation order. */
  readonly containers = new Map<string, Container>();
  private readonly bound = new Map<Host, Set<Container>>();
  /** key → domain → service → count, for the topology keys asked about so far. */
  private readonly topology = new Map<string, Map<string, Map<string, number>>>();

  /** See `ClusterView.free`; replaced by a larger array when hosts join. */
  free: Float64Array;
  /** Bound containers with pod (anti-)affinity terms, and their hosts: see `ClusterView.affinityHolders`. */
  readonly affinityHolders = new Map<Container, Host>();
  /** The container bound last: the one a `container.scheduled` event being heard names, almost always. */
  lastBound: Container | null = null;

  /** Task failures per host and owner, for SwarmKit's rule against hosts where a service keeps failing. */
  private readonly failures = new TaskFailures();

  constructor(
    readonly hosts: Host[],
    readonly resources: ResourceCatalog,
    readonly rng: RandomStream,
    /** Keep finished containers (false: forget each once it is finished and its process is gone). */
    readonly keepFinished = true,
    /** The simulation's clock (ms). */
    private readonly clock: () => number = () => 0,
  ) {
    this.free = new Float64Array(hosts.length * resources.size);
    for (const host of hosts) {
      this.hostsByName.set(host.name, host);
      this.bound.set(host, new Set());
      this.refreshFree(host);
    }
  }

  /** Adds a host that joined the cluster (its id must be the next position). */
  addHost(host: Host): void {
    if (host.id !== this.hosts.length) throw new Error(`host ${host.name} must have id ${this.hosts.length}`);
    this.hosts.push(host);
    this.hostsByName.set(host.name, host);
    this.bound.set(host, new Set());
    const size = this.resources.size;
    if (this.free.length < this.hosts.length * size) {
      // Room for as many hosts again, so that hosts joining one by one do not copy it each time.
      const grown = new Float64Array(2 * this.hosts.length * size);
      grown.set(this.free);
      this.free = grown;
    }
    this.refreshFree(host);
  }

  /** Gives `host` a new capacity: its free amounts follow (negative where what is bound exceeds it). */
  resizeHost(host: Host, capacity: Float64Array): void {
    host.resize(capacity);
    this.refreshFree(host);
  }

  get now(): number {
    return this.clock();
  }

  get failureFree(): boolean {
    return this.failures.empty;
  }

  /** Books a failure (a crash or a failed end) of `container` on `host` now; lone containers are not booked. */
  recordFailure(container: Container, host: Host): void {
    const owner = failureOwner(container);
    if (owner !== undefined) this.failures.record(host.id, owner, this.clock());
  }

  recentFailures(host: HostView, request: PlacementRequest): number {
    const owner = failureOwner(request);
    return owner === undefined ? 0 : this.failures.count(host.id, owner, this.clock());
  }

  /** Forgets a finished container whose process is gone, unless finished containers are kept. */
  forgetIfGone(container: Container): void {
    if (!this.keepFinished && isFinished(container.phase) && !container.health.alive) {
      this.containers.delete(container.name);
    }
  }

  /** Containers bound to a host, in binding order. */
  containersOn(host: HostView): ReadonlySet<Container> {
    return this.bound.get(host as Host) ?? EMPTY;
  }

  /** Records that `container` now holds resources on `host`. */
  bind(container: Container, host: Host, devices?: readonly number[] | null): void {
    const gpu = container.gpu;
    if (gpu !== undefined && host.gpus !== null) {
      // The devices the placement chose, or (re-binding a preemption candidate) the best-fit ones.
      const chosen = devices ?? chooseDevices(host.gpus, gpu);
      if (chosen === null) throw new Error(`${container.name} does not fit the GPU devices of ${host.name}`);
      host.gpus.allocate(chosen, gpu.milli);
      container.devices = chosen;
    }
    host.bind(container.requests, container.nonZeroRequests, container.service);
    this.refreshFree(host);
    this.bound.get(host)!.add(container);
    container.host = host;
    this.lastBound = container;
    if (container.podAffinity !== undefined || container.podAntiAffinity !== undefined)
      this.affinityHolders.set(container, host);
    if (container.service !== undefined) this.adjustTopology(host, container.service, 1);
  }

  /** Releases `container`'s resources on its host. */
  unbind(container: Container): void {
    const host = container.host;
    if (host === null) return;
    if (container.devices !== null) {
      host.gpus!.release(container.devices, container.gpu!.milli);
      container.devices = null;
    }
    host.unbind(container.requests, container.nonZeroRequests, container.service);
    this.refreshFree(host);
    this.bound.get(host)!.delete(container);
    if (this.affinityHolders.size > 0) this.affinityHolders.delete(container);
    if (container.service !== undefined) this.adjustTopology(host, container.service, -1);
  }

  private refreshFree(host: Host): void {
    const { capacity, allocated } = host;
    const free = this.free;
    const base = host.id * capacity.length;
    for (let r = 0; r < capacity.length; r++) free[base + r] = capacity[r]! - allocated[r]!;
  }

  domainCount(key: string, domain: string, service: string): number {
    if (key === HOSTNAME) {
      const host = this.hostsByName.get(domain);
      return host === undefined ? 0 : host.serviceCount(service);
    }
    return this.index(key).get(domain)?.get(service) ?? 0;
  }

  domainCounts(key: string, service: string): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const host of this.hosts) {
      if (host.state !== 'ready') continue;
      const domain = domainOf(host, key);
      if (domain === undefined || out.has(domain)) continue;
      out.set(domain, this.domainCount(key, domain, service));
    }
    return out;
  }

  private index(key: string): Map<string, Map<string, number>> {
    let byDomain = this.topology.get(key);
    if (byDomain !== undefined) return byDomain;
    byDomain = new Map();
    this.topology.set(key, byDomain);
    for (const [host, containers] of this.bound) {
      const domain = host.labels[key];
      if (domain === undefined) continue;
      for (const c of containers) if (c.service !== undefined) bump(byDomain, domain, c.service, 1);
    }
    return byDomain;
  }

  private adjustTopology(host: Host, service: string, delta: number): void {
    for (const [key, byDomain] of this.topology) {
      const domain = host.labels[key];
      if (domain !== undefined) bump(byDomain, domain, service, delta);
    }
  }
}

const EMPTY: ReadonlySet<Container> = new Set();

function bump(byDomain: Map<string, Map<string, number>>, domain: string, service: string, delta: number): void {
  let services = byDomain.get(domain);
  if (services === undefined) {
    services = new Map();
    byDomain.set(domain, services);
  }
  const next = (services.get(service) ?? 0) + delta;
  if (next <= 0) services.delete(service);
  else services.set(service, next);
}
