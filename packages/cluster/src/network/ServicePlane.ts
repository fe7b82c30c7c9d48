import type { Callback, Environment, RandomStream } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { Host } from '../hosts/Host.js';
import { CPU } from '../resources/ResourceCatalog.js';
import { Endpoint } from './Endpoint.js';
import { type EndpointWeightRule, endpointWeight } from './endpointWeight.js';
import type { FailureCause } from './FailureCause.js';
import type { LoadBalancingPolicy } from './LoadBalancingPolicy.js';
import type { EntryKind } from './LoadSource.js';
import type { Attempt } from './Request.js';
import type { ServicePort } from './ServicePort.js';
import type { ServiceFigures } from './TrafficStats.js';

/** How a service's replicas serve requests and how requests are spread over them. */
export interface ServingSettings {
  /** Requests one replica works on at once. */
  readonly concurrency: number;
  /** Requests one replica lets wait beyond that; more are refused (`queue-full`). */
  readonly queue: number;
  /** The policy kube-proxy (or whatever fronts the service) picks a replica with. */
  readonly policy: LoadBalancingPolicy<unknown>;
  /**
   * Kubernetes' `externalTrafficPolicy` for requests entering through a node port or a load balancer:
   * `Cluster` forwards to any replica, `Local` only to the entry node's own.
   */
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  /** Endpoint weights by rule (the first a replica matches); empty: every endpoint weighs 1. */
  readonly weights: readonly EndpointWeightRule[];
  /** The ports it is exposed on, node ports settled; null when the scenario declares none. */
  readonly ports: readonly ServicePort[] | null;
  /**
   * The service may scale to zero: while it has no endpoint, requests wait at its balancer (as at
   * Knative's activator) for the first replica instead of failing with `no-endpoint`.
   */
  readonly holdWhenEmpty?: boolean | undefined;
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
  /** A draining replica has finished its last request. */
  drained(endpoint: Endpoint<Attempt>): void;
}

/** The ready hosts, as the cluster sees them now; the plane asks only for node ports and load balancers. */
export type ReadyHosts = () => readonly Host[];

/**
 * One service's data plane: the replicas ready now (the control plane's truth), the endpoint list
 * the proxies route by (`view`), which catches up with the truth at the first sync at least
 * `propagationMs` after a change and never more often than once per `minSyncMs` (an EndpointSlice
 * reaching kube-proxy, whose rule syncs are rate-limited to one per minSyncPeriod), each balancing
 * policy's state, and for a shared-queue policy the requests waiting at the balancer.
 */
export class ServicePlane {
  /** The endpoints the data plane routes to, in the order they became ready. */
  readonly view: Endpoint<Attempt>[] = [];
  /** The chosen endpoint of the last {@link choose}, and whether reaching it crosses nodes. */
  chosen: Endpoint<Attempt> | null = null;
  chosenRemote = false;
  private readonly endpoints = new Map<Container, Endpoint<Attempt>>();
  /** Endpoints ever seen, for the report: served counts outlive the replica. */
  private readonly everServed: Endpoint<Attempt>[] = [];
  private readonly ready = new Set<Endpoint<Attempt>>();
  /** Each policy balancing this service (its own, and callers' overrides) with its state. */
  private readonly states = new Map<LoadBalancingPolicy<unknown>, unknown>();
  /** The view's endpoints by the host they run on, and those hosts in view order (for `Local`). */
  private readonly local = new Map<Host, Endpoint<Attempt>[]>();
  /** Per host, each policy's state over that host's own endpoints (for `Local`). */
  private readonly localStates = new Map<Host, Map<LoadBalancingPolicy<unknown>, unknown>>();
  private readonly localHosts: Host[] = [];
  /** Policy states that want to hear of idle replicas: none, usually, and then release skips the look. */
  private idleHooks = 0;
  /** Cpu requested by the ready replicas now (millicores), and its integral up to `requestedSince` (millicore-ms). */
  private requestedCpu = 0;
  private requestedCpuMs = 0;
  private requestedSince = 0;
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
    private readonly readyHosts: ReadyHosts,
  ) {
    this.stateOf(settings.policy);
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
        const weights = this.settings.weights;
        const weight = weights.length === 0 ? 1 : endpointWeight(weights, container);
        endpoint = new Endpoint<Attempt>(
          container,
          this.settings.concurrency,
          this.settings.queue,
          weight,
          this.env.now,
        );
        this.endpoints.set(container, endpoint);
        this.everServed.push(endpoint);
      }
      if (this.ready.has(endpoint)) return;
      this.ready.add(endpoint);
      this.addRequested(container, 1);
    } else {
      if (endpoint === undefined || !this.ready.delete(endpoint)) return;
      this.addRequested(container, -1);
    }
    this.scheduleSync();
  }

  /** A ready replica's cpu request joins (+1) or leaves (−1) the requested cpu. */
  private addRequested(container: Container, sign: 1 | -1): void {
    const now = this.env.now;
    this.requestedCpuMs += this.requestedCpu * (now - this.requestedSince);
    this.requestedSince = now;
    this.requestedCpu += sign * (container.requests[CPU] ?? 0);
  }

  /** A replica ended for good. */
  ended(container: Container): void {
    const endpoint = this.endpoints.get(container);
    if (endpoint === undefined) return;
    this.endpoints.delete(container);
    if (this.ready.delete(endpoint)) {
      this.addRequested(container, -1);
      this.scheduleSync();
    }
  }

  /** Requests waiting now: in its replicas' queues and at its balancer (a shared queue's). */
  queued(): number {
    let n = this.waiting.length - this.head;
    for (const endpoint of this.endpoints.values()) n += endpoint.queued;
    return n;
  }

  /** True when requests wait at the balancer for a free replica instead of being sent to one. */
  get sharedQueue(): boolean {
    return this.settings.policy.sharedQueue === true;
  }

  /**
   * Chooses where a new connection (or a request without one) goes, entering by `via`, with `policy`
   * (default the service's own): sets {@link chosen} (null when there is nowhere to go) and
   * {@link chosenRemote}.
   */
  choose(via: EntryKind, key: number, policy: LoadBalancingPolicy<unknown> = this.settings.policy): void {
    this.chosen = null;
    this.chosenRemote = false;
    const view = this.view;
    if (view.length === 0) return;
    if (via === 'cluster') {
      this.chosen = view[this.pick(view, key, policy)]!;
      return;
    }
    if (this.settings.externalTrafficPolicy === 'Local') {
      // Only nodes running a replica the data plane knows pass the load balancer's health check (a node
      // port reaches any node, and a node without one drops the request).
      const hosts = via === 'load-balancer' ? this.localHosts : this.readyHosts();
      if (hosts.length === 0) return;
      const node = hosts[this.rng.integer(0, hosts.length)]!;
      const own = this.local.get(node);
      if (own !== undefined) this.chosen = own[policy.pick(own, key, this.rng, this.localState(node, policy))]!;
      return;
    }
    const hosts = this.readyHosts();
    if (hosts.length === 0) return;
    const node = hosts[this.rng.integer(0, hosts.length)]!;
    this.chosen = view[this.pick(view, key, policy)]!;
    this.chosenRemote = this.chosen.container.host !== node;
  }

  /** True when an attempt with nowhere to go should wait for a replica: a service scaled to zero. */
  get holdsWhenEmpty(): boolean {
    return this.settings.holdWhenEmpty === true && this.view.length === 0;
  }

  /** Has an attempt wait at the balancer until the data plane knows a replica (a service scaled to zero). */
  hold(attempt: Attempt): void {
    this.waiting.push(attempt);
  }

  /** Has an attempt wait at the balancer for the first free replica (shared-queue policies). */
  enqueue(attempt: Attempt, key: number): void {
    const view = this.view;
    if (view.length === 0) {
      if (this.settings.holdWhenEmpty === true) this.waiting.push(attempt);
      else this.sink.refuse(attempt, 'no-endpoint');
      return;
    }
    const policy = this.settings.policy;
    const i = this.head === this.waiting.length ? policy.pick(view, key, this.rng, this.stateOf(policy)) : -1;
    if (i < 0) this.waiting.push(attempt);
    else this.deliver(attempt, view[i]!);
  }

  /** Hands an attempt to a replica: served, queued there, refused, or lost with the replica's host. */
  deliver(attempt: Attempt, endpoint: Endpoint<Attempt>): void {
    const sink = this.sink;
    const c = endpoint.container;
    if (endpoint.draining) {
      // It stopped listening when it got the stop signal.
      sink.refuse(attempt, 'stale-endpoint');
      return;
    }
    if (!c.health.alive) {
      // The proxy still lists it. A dead host does not answer at all; a live host refuses the connection.
      if (c.host !== null && !c.host.alive && attempt.deadline !== Number.POSITIVE_INFINITY) {
        // The request stays outstanding at that replica, as its client sees it, until the client gives up.
        attempt.endpoint = endpoint;
        attempt.stage = 'hung';
        endpoint.active += 1;
        endpoint.hung += 1;
        sink.hang(attempt);
      } else sink.refuse(attempt, 'stale-endpoint');
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

  /** The replica is done with an attempt: its slot goes to the next waiting one. */
  release(endpoint: Endpoint<Attempt>, attempt: Attempt): void {
    endpoint.busy -= 1;
    endpoint.active -= 1;
    endpoint.unhold(attempt);
    const next = endpoint.dequeue();
    if (next !== undefined) {
      this.occupy(endpoint, next);
      this.sink.startWork(next, endpoint);
    } else if (endpoint.draining) {
      if (endpoint.active === 0) this.sink.drained(endpoint);
    } else {
      if (endpoint.active === 0 && this.idleHooks > 0) this.idle(endpoint);
      if (this.head < this.waiting.length) this.dispatchWaiting();
    }
  }

  /** Tells each policy state that lists the endpoint, and hears of idle replicas, that it has gone idle. */
  private idle(endpoint: Endpoint<Attempt>): void {
    for (const [policy, state] of this.states) policy.idle?.(endpoint, state);
    const host = endpoint.container.host;
    const local = host === null ? undefined : this.localStates.get(host);
    if (local !== undefined) for (const [policy, state] of local) policy.idle?.(endpoint, state);
  }

  /** A client gave up on an attempt that hung at a dead host's replica: it is no longer outstanding there. */
  unhang(attempt: Attempt): void {
    attempt.endpoint!.active -= 1;
    attempt.endpoint!.hung -= 1;
    attempt.stage = 'done';
  }

  /** The replica's process died: returns every attempt it held or queued, and forgets them. */
  kill(endpoint: Endpoint<Attempt>): Attempt[] {
    const lost = [...endpoint.releaseAll(), ...endpoint.drain()];
    // What still hangs there (sent to its dead host) stays outstanding until its clients time out.
    endpoint.active -= lost.length;
    endpoint.busy = 0;
    endpoint.setCpu(0, this.env.now);
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
    const imbalance = total === 0 ? Number.NaN : max / (total / n);
    const now = this.env.now;
    let cpuMs = 0;
    for (const e of this.everServed) cpuMs += e.cpuTime(now);
    const requestedCpuMs = this.requestedCpuMs + this.requestedCpu * (now - this.requestedSince);
    const ports = this.settings.ports;
    return ports === null
      ? { served, imbalance, cpuMs, requestedCpuMs }
      : { served, imbalance, ports, cpuMs, requestedCpuMs };
  }

  private pick(endpoints: readonly Endpoint<Attempt>[], key: number, policy: LoadBalancingPolicy<unknown>): number {
    return policy.pick(endpoints, key, this.rng, this.stateOf(policy));
  }

  private stateOf(policy: LoadBalancingPolicy<unknown>): unknown {
    if (this.states.has(policy)) return this.states.get(policy);
    const state = policy.createState?.();
    this.states.set(policy, state);
    if (policy.idle !== undefined) this.idleHooks += 1;
    if (this.view.length > 0) policy.endpointsChanged?.(this.view, state);
    return state;
  }

  private localState(host: Host, policy: LoadBalancingPolicy<unknown>): unknown {
    let states = this.localStates.get(host);
    if (states === undefined) {
      states = new Map();
      this.localStates.set(host, states);
    }
    if (states.has(policy)) return states.get(policy);
    const state = policy.createState?.();
    states.set(policy, state);
    if (policy.idle !== undefined) this.idleHooks += 1;
    policy.endpointsChanged?.(this.local.get(host) ?? [], state);
    return state;
  }

  private occupy(endpoint: Endpoint<Attempt>, attempt: Attempt): void {
    endpoint.busy += 1;
    endpoint.hold(attempt);
  }

  /** Hands requests waiting at the balancer to replicas with a free slot, oldest first. */
  private dispatchWaiting(): void {
    const policy = this.settings.policy;
    const state = this.stateOf(policy);
    while (this.head < this.waiting.length && this.view.length > 0) {
      const attempt = this.waiting[this.head]!;
      // A request its client gave up on leaves the queue without being served.
      if (attempt.request === null) {
        this.head += 1;
        continue;
      }
      const i = policy.pick(this.view, attempt.request.key, this.rng, state);
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
    this.local.clear();
    this.localHosts.length = 0;
    for (const endpoint of view) {
      const host = endpoint.container.host;
      if (host === null) continue;
      let own = this.local.get(host);
      if (own === undefined) {
        own = [];
        this.local.set(host, own);
        this.localHosts.push(host);
      }
      own.push(endpoint);
    }
    for (const [policy, state] of this.states) policy.endpointsChanged?.(view, state);
    for (const [host, states] of this.localStates) {
      const own = this.local.get(host) ?? [];
      for (const [policy, state] of states) policy.endpointsChanged?.(own, state);
    }
    this.sync.changed(this);
    if (this.head < this.waiting.length) this.dispatchWaiting();
  }
}
