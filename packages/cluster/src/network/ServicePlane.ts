import type { Callback, Environment, RandomStream } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { BalancingPolicy } from './BalancingPolicy.js';
import { Endpoint } from './Endpoint.js';
import type { FailureCause } from './FailureCause.js';
import type { Attempt } from './Request.js';
import type { ServiceFigures } from './TrafficStats.js';

/** How a service's replicas serve requests and how requests are spread over them. */
export interface ServingSettings {
  /** Requests one replica works on at once. */
  readonly concurrency: number;
  /** Requests one replica lets wait beyond that; more are refused (`queue-full`). */
  readonly queue: number;
  readonly policy: BalancingPolicy<unknown>;
}

/** How endpoint changes reach the data plane. */
export interface SyncSettings {
  readonly propagationMs: number;
  readonly minSyncMs: number;
  /** Called after each change of the data plane's view. */
  readonly changed: (plane: ServicePlane) => void;
}

/** What a plane needs from the traffic controller to hand an attempt over. */
export interface AttemptSink {
  refuse(attempt: Attempt, cause: FailureCause): void;
  hang(attempt: Attempt): void;
  startWork(attempt: Attempt, endpoint: Endpoint<Attempt>): void;
}

/**
 * One service's data plane: the replicas ready now (the control plane's truth), the endpoint list
 * the proxies route by (`view`), which catches up with the truth at the first sync at least
 * `propagationMs` after a change and never more often than once per `minSyncMs` (an EndpointSlice
 * reaching kube-proxy, whose rule syncs are rate-limited to one per minSyncPeriod), the balancing
 * policy's state, and for a shared-queue policy the requests waiting at the balancer.
 */
export class ServicePlane {
  /** The endpoints the data plane routes to, in the order they became ready. */
  readonly view: Endpoint<Attempt>[] = [];
  private readonly endpoints = new Map<Container, Endpoint<Attempt>>();
  /** Endpoints ever seen, for the report: served counts outlive the replica. */
  private readonly everServed: Endpoint<Attempt>[] = [];
  private readonly ready = new Set<Endpoint<Attempt>>();
  private readonly state: unknown;
  private syncHandle: Callback | null = null;
  private lastSync = Number.NEGATIVE_INFINITY;
  /** Attempts waiting at the balancer (shared-queue policies), oldest first from `head`. */
  private readonly waiting: Attempt[] = [];
  private head = 0;

  constructor(
    readonly name: string,
    private readonly settings: ServingSettings,
    private readonly rng: RandomStream,
    private readonly env: Environment,
    private readonly sync: SyncSettings,
    private readonly sink: AttemptSink,
  ) {
    this.state = settings.policy.createState?.();
  }

  /** The endpoint of a container of this service, if it ever became ready. */
  endpoint(container: Container): Endpoint<Attempt> | undefined {
    return this.endpoints.get(container);
  }

  /** A replica became ready or unready (the control plane's view). */
  readinessChanged(container: Container): void {
    let endpoint = this.endpoints.get(container);
    if (container.health.ready) {
      if (endpoint === undefined) {
        endpoint = new Endpoint<Attempt>(container, this.settings.concurrency, this.settings.queue);
        this.endpoints.set(container, endpoint);
        this.everServed.push(endpoint);
      }
      if (this.ready.has(endpoint)) return;
      this.ready.add(endpoint);
    } else {
      if (endpoint === undefined || !this.ready.delete(endpoint)) return;
    }
    this.scheduleSync();
  }

  /** A replica ended for good. */
  ended(container: Container): void {
    const endpoint = this.endpoints.get(container);
    if (endpoint === undefined) return;
    this.endpoints.delete(container);
    if (this.ready.delete(endpoint)) this.scheduleSync();
  }

  /** Sends an attempt to a replica chosen by the policy (or has it wait at the balancer). */
  route(attempt: Attempt, key: number): void {
    const sink = this.sink;
    const view = this.view;
    if (view.length === 0) {
      sink.refuse(attempt, 'no-endpoint');
      return;
    }
    const policy = this.settings.policy;
    if (policy.sharedQueue === true) {
      const i = this.head === this.waiting.length ? policy.pick(view, key, this.rng, this.state) : -1;
      if (i < 0) this.waiting.push(attempt);
      else this.deliver(attempt, view[i]!);
      return;
    }
    this.deliver(attempt, view[policy.pick(view, key, this.rng, this.state)]!);
  }

  /** The replica is done with an attempt: its slot goes to the next waiting one. */
  release(endpoint: Endpoint<Attempt>, attempt: Attempt): void {
    const sink = this.sink;
    endpoint.busy -= 1;
    endpoint.active -= 1;
    endpoint.holding.delete(attempt);
    const next = endpoint.dequeue();
    if (next !== undefined) {
      this.occupy(endpoint, next);
      sink.startWork(next, endpoint);
    } else if (this.head < this.waiting.length) this.dispatchWaiting();
  }

  /** The replica's process died: returns every attempt it held or queued, and forgets them. */
  kill(endpoint: Endpoint<Attempt>): Attempt[] {
    const lost = [...endpoint.holding, ...endpoint.drain()];
    endpoint.holding.clear();
    endpoint.active = 0;
    endpoint.busy = 0;
    endpoint.cpu = 0;
    return lost;
  }

  /** How evenly the replicas were loaded. */
  figures(): ServiceFigures {
    const served: Record<string, number> = {};
    let max = 0;
    let total = 0;
    for (const e of this.everServed) {
      served[e.name] = e.served;
      total += e.served;
      if (e.served > max) max = e.served;
    }
    const n = this.everServed.length;
    return { served, imbalance: total === 0 ? Number.NaN : max / (total / n) };
  }

  private deliver(attempt: Attempt, endpoint: Endpoint<Attempt>): void {
    const sink = this.sink;
    const c = endpoint.container;
    if (!c.health.alive) {
      // The proxy still lists it. A dead host does not answer at all; a live host refuses the connection.
      if (c.host !== null && !c.host.alive) sink.hang(attempt);
      else sink.refuse(attempt, 'stale-endpoint');
      return;
    }
    attempt.endpoint = endpoint;
    if (endpoint.busy < endpoint.concurrency) {
      endpoint.active += 1;
      this.occupy(endpoint, attempt);
      sink.startWork(attempt, endpoint);
    } else if (endpoint.queued < endpoint.queueLimit) {
      endpoint.active += 1;
      attempt.stage = 'queued';
      endpoint.enqueue(attempt);
    } else {
      sink.refuse(attempt, 'queue-full');
    }
  }

  private occupy(endpoint: Endpoint<Attempt>, attempt: Attempt): void {
    endpoint.busy += 1;
    endpoint.holding.add(attempt);
  }

  /** Hands requests waiting at the balancer to replicas with a free slot, oldest first. */
  private dispatchWaiting(): void {
    const policy = this.settings.policy;
    while (this.head < this.waiting.length && this.view.length > 0) {
      const attempt = this.waiting[this.head]!;
      // A request its client gave up on leaves the queue without being served.
      if (attempt.request === null) {
        this.head += 1;
        continue;
      }
      const i = policy.pick(this.view, attempt.request.key, this.rng, this.state);
      if (i < 0) break;
      this.head += 1;
      this.deliver(attempt, this.view[i]!);
    }
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    }
  }

  private scheduleSync(): void {
    if (this.syncHandle?.scheduled === true) return;
    const now = this.env.now;
    const at = Math.max(now + this.sync.propagationMs, this.lastSync + this.sync.minSyncMs);
    if (this.syncHandle === null) {
      this.syncHandle = this.env.schedule(at - now, () => this.applySync(), undefined, {
        name: `endpoints:${this.name}`,
      });
    } else this.env.reschedule(this.syncHandle, at - now);
  }

  private applySync(): void {
    this.lastSync = this.env.now;
    const view = this.view;
    view.length = 0;
    for (const endpoint of this.ready) view.push(endpoint);
    this.settings.policy.endpointsChanged?.(view, this.state);
    this.sync.changed(this);
    if (this.head < this.waiting.length) this.dispatchWaiting();
  }
}
