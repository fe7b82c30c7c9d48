import type { Environment } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import { curveAt, curveIntegral, type UsageCurve } from './UsageCurve.js';

/**
 * What containers use, as a node's cAdvisor reports it: cpu as a cumulative counter (so any window's
 * average is a difference over the window, as metrics-server computes it), memory and cpu in use now,
 * and the request counters a Prometheus adapter would read. Usage comes from the requests a replica
 * serves (each request keeps its type's cpu busy while worked on) plus, for services with a `usage`
 * model, the service's synthetic demand shared evenly by its ready replicas.
 */
export interface ResourceUsage {
  /** Cpu the container used from its creation to now, millicore-ms. */
  cpuTime(container: Container): number;
  /** Cpu in use now, millicores. */
  cpu(container: Container): number;
  /** Memory in use now, MiB (from the service's usage model; requests use none). */
  memory(container: Container): number;
  /** Cpu the service's replicas have used since the run began, millicore-ms. */
  serviceCpuTime(service: string): number;
  /** Requests the container has answered to the end so far. */
  served(container: Container): number;
  /** Requests waiting in the service's queues now (at its replicas, and at its balancer). */
  queued(service: string): number;
}

/** What the tracker reads of the traffic (the traffic controller is one): endpoints and queues. */
export interface TrafficUsage {
  endpointOf(
    container: Container,
  ): { readonly cpu: number; readonly served: number; cpuTime(now: number): number } | undefined;
  queued(service: string): number;
  serviceCpuTime(service: string): number;
}

/** One service's synthetic demand and how much of it its ready replicas have shared. */
interface Demand {
  readonly cpu: UsageCurve | undefined;
  readonly memory: UsageCurve | undefined;
  /** Ready replicas sharing it now. */
  ready: number;
  /** ∫ cpu(t) / ready(t) dt up to `since`: what one replica ready all along would have used, millicore-ms. */
  perReplica: number;
  /** ∫ cpu(t) dt over the time some replica was ready, up to `since`. */
  total: number;
  since: number;
}

/** A ready replica's share: `perReplica` when it became ready, and what it used before. */
interface Share {
  mark: number;
  used: number;
  counted: boolean;
}

/**
 * Keeps {@link ResourceUsage} for a simulation: reads the traffic's endpoints, and integrates each
 * service's usage curve over the intervals between readiness changes (exactly: the curves have closed
 * integrals), so a replica's cpu counter is correct whatever the sampling. Hears readiness changes
 * and the end of replicas of services with a usage model, and nothing when no service has one.
 */
export class UsageTracker implements ResourceUsage {
  private readonly demands = new Map<string, Demand>();
  private readonly shares = new Map<Container, Share>();

  constructor(
    private readonly env: Environment,
    models: Readonly<
      Record<string, { readonly cpu?: UsageCurve | undefined; readonly memory?: UsageCurve | undefined }>
    >,
    private readonly traffic: () => TrafficUsage | null,
    private readonly lookup: (name: string) => Container | undefined,
  ) {
    for (const [service, model] of Object.entries(models)) {
      this.demands.set(service, { cpu: model.cpu, memory: model.memory, ready: 0, perReplica: 0, total: 0, since: 0 });
    }
  }

  /** True when some service has a usage model (else the tracker need not hear events). */
  get modelled(): boolean {
    return this.demands.size > 0;
  }

  readonly hears: readonly ClusterEventType[] = [
    'container.ready',
    'container.unready',
    'container.crashed',
    'container.lost',
    'container.succeeded',
    'container.failed',
    'container.evicted',
  ];

  /** Follows which replicas share each service's demand. */
  readonly handle = (event: ClusterEvent): void => {
    if (!('container' in event)) return;
    const c = this.lookup(event.container);
    const demand = c?.service === undefined ? undefined : this.demands.get(c.service);
    if (c === undefined || demand === undefined) return;
    const share = this.shares.get(c);
    const now = this.env.now;
    if (event.type === 'container.ready') {
      if (share?.counted === true) return;
      this.advance(demand, now);
      demand.ready += 1;
      if (share === undefined) this.shares.set(c, { mark: demand.perReplica, used: 0, counted: true });
      else {
        share.mark = demand.perReplica;
        share.counted = true;
      }
      return;
    }
    if (share?.counted === true) {
      this.advance(demand, now);
      share.used += demand.perReplica - share.mark;
      share.counted = false;
      demand.ready -= 1;
    }
    // A replica that ended is read no more: forget it, so memory stays flat on long runs.
    if (event.type === 'container.succeeded' || event.type === 'container.failed' || event.type === 'container.evicted')
      this.shares.delete(c);
  };

  cpuTime(container: Container): number {
    const now = this.env.now;
    let used = this.traffic()?.endpointOf(container)?.cpuTime(now) ?? 0;
    const share = this.shares.get(container);
    if (share !== undefined) {
      used += share.used;
      if (share.counted) used += this.perReplicaAt(this.demands.get(container.service!)!, now) - share.mark;
    }
    return used;
  }

  cpu(container: Container): number {
    const inUse = this.traffic()?.endpointOf(container)?.cpu ?? 0;
    const share = this.shares.get(container);
    if (share === undefined || !share.counted) return inUse;
    const demand = this.demands.get(container.service!)!;
    return demand.cpu === undefined ? inUse : inUse + curveAt(demand.cpu, this.env.now) / demand.ready;
  }

  memory(container: Container): number {
    const share = this.shares.get(container);
    if (share === undefined || !share.counted) return 0;
    const demand = this.demands.get(container.service!)!;
    return demand.memory === undefined ? 0 : curveAt(demand.memory, this.env.now) / demand.ready;
  }

  serviceCpuTime(service: string): number {
    const fromRequests = this.traffic()?.serviceCpuTime(service) ?? 0;
    const demand = this.demands.get(service);
    if (demand === undefined || demand.cpu === undefined) return fromRequests;
    const now = this.env.now;
    const pending = demand.ready > 0 ? curveIntegral(demand.cpu, demand.since, now) : 0;
    return fromRequests + demand.total + pending;
  }

  served(container: Container): number {
    return this.traffic()?.endpointOf(container)?.served ?? 0;
  }

  queued(service: string): number {
    return this.traffic()?.queued(service) ?? 0;
  }

  private perReplicaAt(demand: Demand, now: number): number {
    if (demand.cpu === undefined || demand.ready === 0) return demand.perReplica;
    return demand.perReplica + curveIntegral(demand.cpu, demand.since, now) / demand.ready;
  }

  /** Brings a service's integrals up to `now` (before its ready count changes). */
  private advance(demand: Demand, now: number): void {
    if (demand.cpu !== undefined && demand.ready > 0) {
      const used = curveIntegral(demand.cpu, demand.since, now);
      demand.perReplica += used / demand.ready;
      demand.total += used;
    }
    demand.since = now;
  }
}
