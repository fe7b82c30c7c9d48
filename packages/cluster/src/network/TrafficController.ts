import type { Callback, RandomStream } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { ClusterEvent, ClusterEventType } from '../events/ClusterEvent.js';
import type { Host } from '../hosts/Host.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import { Client } from './Client.js';
import type { Endpoint } from './Endpoint.js';
import type { FailureCause } from './FailureCause.js';
import type { LoadSource } from './LoadSource.js';
import { Attempt, Request } from './Request.js';
import type { RequestType } from './RequestType.js';
import { type AttemptSink, ServicePlane, type ServingSettings } from './ServicePlane.js';
import type { TrafficObserver } from './TrafficObserver.js';
import { RequestCounters, type ServiceFigures, type TrafficReport } from './TrafficStats.js';

/** Everything the traffic controller runs, parsed. */
export interface TrafficSettings {
  /** How each served service serves and is balanced, by service name. */
  readonly services: ReadonlyMap<string, ServingSettings>;
  readonly requests: ReadonlyMap<string, RequestType>;
  readonly sources: readonly LoadSource[];
  /** From a readiness change to the data plane knowing it, ms (EndpointSlice controller and watch). */
  readonly propagationMs: number;
  /** The data plane applies changes at most once per this period, ms (kube-proxy's minSyncPeriod, 1 s). */
  readonly minSyncMs: number;
  /** The round trip a request adds when its entry node forwards it to a replica on another node, ms. */
  readonly hopMs: number;
  /** No request is sent at or after this time (the scenario's horizon); Infinity for none. */
  readonly until: number;
}

/** Per request type: its counters and the attempts in order of their deadlines. */
interface TypeBook {
  readonly type: RequestType;
  readonly counters: RequestCounters;
  /** Attempts sent, oldest first from `head`: their deadlines increase, as every attempt gets the same timeout. */
  readonly deadlines: Attempt[];
  head: number;
  timer: Callback | null;
  /** Requests of this type sent and not answered; retries among them in flight. */
  inFlight: number;
  retrying: number;
  readonly rng: RandomStream;
}

/** Per load source: its counters and the streams its clients draw from. */
interface SourceRun {
  readonly source: LoadSource;
  readonly type: RequestType;
  readonly counters: RequestCounters;
  readonly keys: RandomStream;
  readonly think: RandomStream;
}

/**
 * Requests flowing through the cluster: load sources send requests to services, entering through the
 * cluster's virtual service address, a node port or a load balancer; each service's data plane (its
 * {@link ServicePlane}) picks a replica with its balancing policy, from the endpoints it knows, which
 * trail the replicas' readiness by the propagation delay; a persistent connection keeps its replica
 * until that replica's process is gone; a replica works on at most `concurrency` requests and queues at
 * most `queue` more; a request may call other services (holding its slot meanwhile); clients time out
 * and retry per the request type; closed-loop users think between requests.
 *
 * Hears `container.ready` / `container.unready` (endpoints come and go), a replica's process dying
 * (`container.crashed`, `container.lost`, its end), which fails the requests it held, and
 * `host.state` / `host.added` (the nodes a node port or load balancer spreads over). Records
 * `endpoints.updated` and `request.failed` events; everything else is counted in {@link report}.
 *
 * The request path allocates two small objects per try and schedules one agenda entry per unit of
 * work; timeouts cost one entry per request type, re-armed as the oldest deadline passes.
 */
export class TrafficController implements AttemptSink {
  private readonly planes = new Map<string, ServicePlane>();
  private readonly books = new Map<string, TypeBook>();
  private readonly runs = new Map<LoadSource, SourceRun>();
  /** Collectors hearing each request sent and answered (see {@link observe}). */
  private readonly observers: TrafficObserver[] = [];
  private readonly workDone = (attempt: Attempt): void => this.afterWork(attempt);
  private readonly resend = (request: Request): void => this.send(request);
  private readonly arriveRemote = (attempt: Attempt): void => this.crossed(attempt);
  private readonly wake = (client: Client<Attempt>): void => this.sendFrom(client);
  /** Ready hosts, recomputed after a host changes. */
  private readyHosts: Host[] | null = null;

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly settings: TrafficSettings,
  ) {
    const balancing = rt.random.stream('balancing');
    const hosts = () => this.hosts();
    for (const [service, serving] of settings.services) {
      const sync = {
        propagationMs: settings.propagationMs,
        minSyncMs: settings.minSyncMs,
        changed: (plane: ServicePlane) => this.viewChanged(plane),
      };
      this.planes.set(
        service,
        new ServicePlane(service, serving, balancing.stream(service), rt.env, sync, this, hosts),
      );
    }
    const work = rt.random.stream('service-times');
    for (const [name, type] of settings.requests) {
      this.books.set(name, {
        type,
        counters: new RequestCounters(rt.env),
        deadlines: [],
        head: 0,
        timer: null,
        inFlight: 0,
        retrying: 0,
        rng: work.stream(name),
      });
    }
  }

  /** Starts every load source: the first arrival of an open-loop one, each user's first think of a closed-loop one. */
  start(): void {
    const random = this.rt.random.stream('load');
    const env = this.rt.env;
    for (const source of this.settings.sources) {
      const streams = random.stream(source.name);
      const run: SourceRun = {
        source,
        type: this.books.get(source.request)!.type,
        counters: new RequestCounters(env),
        keys: streams.stream('keys'),
        think: streams.stream('think'),
      };
      this.runs.set(source, run);
      if (source.clients !== null) {
        for (let i = 0; i < source.clients.count; i++)
          this.thinkThenSend(new Client<Attempt>(source, source.connections));
        continue;
      }
      const client = new Client<Attempt>(source, source.connections);
      const process = source.arrivals!;
      const stream = streams.stream('arrivals');
      const until = this.settings.until;
      if (process.after !== undefined) {
        // A renewal process: the next arrival follows from this one, without a generator.
        const after = process.after;
        let at = after(stream, env.now);
        if (at >= until) continue;
        const arrive = () => {
          this.sendFrom(client);
          at = after(stream, at);
          if (at < until) env.reschedule(handle, at - env.now);
        };
        const handle = env.schedule(at - env.now, arrive, undefined, { name: `arrivals:${source.name}` });
        continue;
      }
      const times = process.times(stream, until, env.now);
      let next = times.next();
      if (next.done === true) continue;
      const arrive = () => {
        this.sendFrom(client);
        next = times.next();
        if (next.done !== true) env.reschedule(handle, next.value - env.now);
      };
      const handle = env.schedule(next.value - env.now, arrive, undefined, { name: `arrivals:${source.name}` });
    }
  }

  /** The event types {@link handle} reacts to: it hears no other. */
  readonly hears: readonly ClusterEventType[] = [
    'container.ready',
    'container.unready',
    'container.crashed',
    'container.lost',
    'container.succeeded',
    'container.failed',
    'container.evicted',
    'container.draining',
    'host.state',
    'host.added',
  ];

  /** The controller's reaction to an event. */
  readonly handle = (event: ClusterEvent): void => {
    switch (event.type) {
      case 'container.ready':
      case 'container.unready': {
        const plane = this.planeOf(event.container);
        if (plane !== undefined) plane.readinessChanged(this.rt.container(event.container)!);
        return;
      }
      case 'container.crashed':
      case 'container.lost':
        this.processDied(event.container);
        return;
      case 'container.succeeded':
      case 'container.failed':
      case 'container.evicted': {
        this.processDied(event.container);
        const plane = this.planeOf(event.container);
        const c = this.rt.container(event.container);
        if (plane !== undefined && c !== undefined) plane.ended(c);
        return;
      }
      case 'host.state':
      case 'host.added':
        this.readyHosts = null;
        return;
      case 'container.draining': {
        const c = this.rt.container(event.container);
        const endpoint = c === undefined ? undefined : this.endpointOf(c);
        if (endpoint === undefined) return;
        endpoint.draining = true;
        if (endpoint.active === 0) this.drained(endpoint);
        return;
      }
      default:
    }
  };

  /** The figures so far. */
  report(): TrafficReport {
    const sources: Record<string, ReturnType<RequestCounters['figures']>> = {};
    for (const [source, run] of this.runs) sources[source.name] = run.counters.figures();
    const requests: Record<string, ReturnType<RequestCounters['figures']>> = {};
    for (const [name, book] of this.books) requests[name] = book.counters.figures();
    const services: Record<string, ServiceFigures> = {};
    for (const [name, plane] of this.planes) services[name] = plane.figures();
    return { sources, requests, services };
  }

  /** Adds a hook that hears each request a load source sends and each request answered, as it happens. */
  observe(observer: TrafficObserver): void {
    this.observers.push(observer);
  }

  /** The endpoint of a container, if its service is served. */
  endpointOf(container: Container): Endpoint<Attempt> | undefined {
    const service = container.service;
    return service === undefined ? undefined : this.planes.get(service)?.endpoint(container);
  }

  /** Requests waiting in a service's queues now (0 for a service nobody sends requests to). */
  queued(service: string): number {
    return this.planes.get(service)?.queued() ?? 0;
  }

  /** Cpu a service's replicas have spent on requests since the run began, millicore-ms. */
  serviceCpuTime(service: string): number {
    return this.planes.get(service)?.figures().cpuMs ?? 0;
  }

  /** True while a replica has requests in service or queued. */
  busy(container: Container): boolean {
    return (this.endpointOf(container)?.active ?? 0) > 0;
  }

  /** A draining replica has finished its last request: its process may exit. */
  drained(endpoint: Endpoint<Attempt>): void {
    const host = endpoint.container.host;
    if (host === null) return;
    this.rt.emit({ at: this.rt.env.now, type: 'container.drained', container: endpoint.name, host: host.name });
  }

  /** The plane found no endpoint, a full queue or a dead process. */
  refuse(attempt: Attempt, cause: FailureCause): void {
    attempt.stage = 'done';
    this.attemptFailed(attempt, cause);
  }

  /** The attempt reached a replica whose host is gone: it hangs there until its client times out. */
  hang(_attempt: Attempt): void {
    // Its deadline is watched already: the timeout fails it (and `unhang` lets the replica go).
  }

  /** The replica starts working on the attempt. */
  startWork(attempt: Attempt, endpoint: Endpoint<Attempt>): void {
    const type = attempt.type;
    attempt.stage = 'working';
    endpoint.setCpu(endpoint.cpu + type.cpu, this.rt.env.now);
    const book = this.books.get(type.name)!;
    attempt.timer = this.rt.env.schedule(type.serviceTime.sample(book.rng), this.workDone, attempt);
  }

  private hosts(): readonly Host[] {
    if (this.readyHosts === null) this.readyHosts = this.rt.cluster.hosts.filter((h) => h.state === 'ready');
    return this.readyHosts;
  }

  private planeOf(containerName: string): ServicePlane | undefined {
    const service = this.rt.container(containerName)?.service;
    return service === undefined ? undefined : this.planes.get(service);
  }

  /** A client sends a new request of its source's type. */
  private sendFrom(client: Client<Attempt>): void {
    client.thinking = null;
    const run = this.runs.get(client.source)!;
    const keys = client.source.keys;
    run.counters.send();
    for (const observer of this.observers) observer.sent(client.source.name);
    this.send(new Request(run.type, client, this.rt.env.now, keys > 0 ? run.keys.integer(0, keys) : 0));
  }

  private thinkThenSend(client: Client<Attempt>): void {
    const now = this.rt.env.now;
    const run = this.runs.get(client.source)!;
    const delay = client.source.clients!.thinkTime.sample(run.think);
    if (now + delay >= this.settings.until) return;
    client.thinking = this.rt.env.schedule(delay, this.wake, client, { name: `think:${client.source.name}` });
  }

  /** Sends a request's next try. */
  private send(request: Request): void {
    const book = this.books.get(request.type.name)!;
    const now = this.rt.env.now;
    if (request.tries === 0) {
      book.inFlight += 1;
      book.counters.send();
    } else if (request.tries === 1) book.retrying += 1;
    request.tries += 1;
    const attempt = new Attempt(request, request.type, now, request.type.timeoutMs);
    request.attempt = attempt;
    if (attempt.deadline !== Number.POSITIVE_INFINITY) this.watchDeadline(book, attempt);
    const plane = this.planes.get(request.type.service)!;
    if (plane.sharedQueue) {
      plane.enqueue(attempt, request.key);
      return;
    }
    const origin = request.origin;
    let endpoint: Endpoint<Attempt> | null;
    let remote: boolean;
    if (origin instanceof Client && origin.endpoints.length > 0) {
      // A persistent connection keeps its replica while that replica's process lives.
      const slot = origin.next;
      origin.next = slot + 1 === origin.endpoints.length ? 0 : slot + 1;
      endpoint = origin.endpoints[slot]!;
      if (endpoint === null || !endpoint.container.health.alive) {
        plane.choose(origin.source.via, request.key);
        endpoint = plane.chosen;
        origin.endpoints[slot] = endpoint;
        origin.remote[slot] = plane.chosenRemote ? 1 : 0;
      }
      remote = origin.remote[slot] === 1;
    } else {
      plane.choose(
        origin instanceof Client ? origin.source.via : 'cluster',
        request.key,
        request.balancing ?? undefined,
      );
      endpoint = plane.chosen;
      remote = plane.chosenRemote;
    }
    if (endpoint === null) {
      if (plane.holdsWhenEmpty) {
        // A service scaled to zero: the request waits for its first replica (the persistent
        // connection, if any, is made when it is delivered).
        plane.hold(attempt);
        return;
      }
      this.refuse(attempt, 'no-endpoint');
      return;
    }
    if (remote) {
      attempt.endpoint = endpoint;
      this.rt.env.schedule(this.settings.hopMs, this.arriveRemote, attempt);
      return;
    }
    plane.deliver(attempt, endpoint);
  }

  /** An attempt forwarded from its entry node reaches its replica's node. */
  private crossed(attempt: Attempt): void {
    if (attempt.request === null) {
      attempt.stage = 'done';
      return;
    }
    this.planes.get(attempt.type.service)!.deliver(attempt, attempt.endpoint!);
  }

  private afterWork(attempt: Attempt): void {
    attempt.timer = null;
    const endpoint = attempt.endpoint!;
    endpoint.setCpu(endpoint.cpu - attempt.type.cpu, this.rt.env.now);
    this.nextCall(attempt);
  }

  private nextCall(attempt: Attempt): void {
    const type = attempt.type;
    if (attempt.nextCall >= type.calls.length) {
      this.finish(attempt, null);
      return;
    }
    attempt.stage = 'calling';
    const call = type.calls[attempt.nextCall]!;
    attempt.nextCall += 1;
    const callType = this.books.get(call.request)!.type;
    this.send(new Request(callType, attempt, this.rt.env.now, attempt.request?.key ?? 0, call.balancing));
  }

  /** A call made by `attempt` was answered (cause null) or failed for good. */
  private callDone(attempt: Attempt, cause: FailureCause | null): void {
    if (attempt.stage !== 'calling') return;
    if (cause === null) this.nextCall(attempt);
    else this.finish(attempt, 'dependency');
  }

  /** The replica is done with the attempt: frees its slot, then answers the client (if it still waits). */
  private finish(attempt: Attempt, cause: FailureCause | null): void {
    const endpoint = attempt.endpoint!;
    attempt.stage = 'done';
    if (cause === null) endpoint.served += 1;
    this.planes.get(attempt.type.service)!.release(endpoint, attempt);
    if (cause === null) this.answered(attempt);
    else this.attemptFailed(attempt, cause);
  }

  private answered(attempt: Attempt): void {
    const request = attempt.request;
    if (request === null || request.attempt !== attempt) return;
    request.attempt = null;
    const book = this.books.get(request.type.name)!;
    const latency = this.rt.env.now - request.createdAt;
    book.counters.succeed(latency);
    this.requestOver(book, request);
    const origin = request.origin;
    for (const observer of this.observers) {
      observer.answered(request.type.name, origin instanceof Attempt ? null : origin.source.name, latency);
    }
    if (origin instanceof Attempt) {
      this.callDone(origin, null);
      return;
    }
    const counters = this.runs.get(origin.source)!.counters;
    counters.succeed(latency);
    if (origin.source.clients !== null) this.thinkThenSend(origin);
  }

  private attemptFailed(attempt: Attempt, cause: FailureCause): void {
    const request = attempt.request;
    if (request === null || request.attempt !== attempt) return;
    attempt.request = null;
    request.attempt = null;
    const book = this.books.get(request.type.name)!;
    const retry = request.type.retry;
    const origin = request.origin;
    if (
      retry !== null &&
      request.tries <= retry.attempts &&
      retry.on.includes(cause) &&
      book.retrying < Math.max(retry.minConcurrency, retry.budget * book.inFlight)
    ) {
      book.counters.retries += 1;
      if (origin instanceof Client) this.runs.get(origin.source)!.counters.retries += 1;
      // Envoy's fully jittered exponential back-off: uniform in [0, (2^n − 1) × base), capped.
      const ceiling = Math.min((2 ** request.tries - 1) * retry.backoffMs, retry.maxBackoffMs);
      this.rt.env.schedule(book.rng.uniform(0, ceiling), this.resend, request, { name: 'retry' });
      return;
    }
    book.counters.fail(cause);
    this.requestOver(book, request);
    for (const observer of this.observers) {
      observer.failed?.(request.type.name, origin instanceof Attempt ? null : origin.source.name, cause);
    }
    if (origin instanceof Attempt) {
      this.callDone(origin, cause);
      return;
    }
    this.runs.get(origin.source)!.counters.fail(cause);
    this.rt.emit({
      at: this.rt.env.now,
      type: 'request.failed',
      source: origin.source.name,
      request: request.type.name,
      cause,
      tries: request.tries,
    });
    if (origin.source.clients !== null) this.thinkThenSend(origin);
  }

  private requestOver(book: TypeBook, request: Request): void {
    book.inFlight -= 1;
    if (request.tries > 1) book.retrying -= 1;
  }

  /** Adds an attempt to its type's deadline order, arming the timer if it was idle. */
  private watchDeadline(book: TypeBook, attempt: Attempt): void {
    book.deadlines.push(attempt);
    const env = this.rt.env;
    if (book.timer === null) {
      book.timer = env.schedule(attempt.deadline - env.now, () => this.deadlinesPassed(book), undefined, {
        name: `timeouts:${book.type.name}`,
      });
    } else if (!book.timer.scheduled) env.reschedule(book.timer, attempt.deadline - env.now);
  }

  /** Times out every attempt whose deadline has passed and whose client still waits; re-arms for the next. */
  private deadlinesPassed(book: TypeBook): void {
    const now = this.rt.env.now;
    const list = book.deadlines;
    while (book.head < list.length) {
      const attempt = list[book.head]!;
      const waited = attempt.request !== null && attempt.request.attempt === attempt;
      if (waited && attempt.deadline > now) break;
      book.head += 1;
      if (attempt.stage === 'hung') this.planes.get(attempt.type.service)!.unhang(attempt);
      if (waited) this.attemptFailed(attempt, 'timeout');
    }
    if (book.head === list.length) {
      list.length = 0;
      book.head = 0;
      return;
    }
    if (book.head > 1024 && book.head * 2 > list.length) {
      list.splice(0, book.head);
      book.head = 0;
    }
    this.rt.env.reschedule(book.timer!, list[book.head]!.deadline - now);
  }

  /** A replica's process died: everything it held fails (its clients see a reset connection). */
  private processDied(containerName: string): void {
    const c = this.rt.container(containerName);
    if (c === undefined || c.health.alive) return;
    const endpoint = this.endpointOf(c);
    if (endpoint === undefined) return;
    for (const attempt of this.planes.get(c.service!)!.kill(endpoint)) {
      if (attempt.timer !== null) {
        this.rt.env.cancel(attempt.timer);
        attempt.timer = null;
      }
      attempt.stage = 'done';
      this.attemptFailed(attempt, 'crashed');
    }
  }

  private viewChanged(plane: ServicePlane): void {
    this.rt.emit({
      at: this.rt.env.now,
      type: 'endpoints.updated',
      service: plane.name,
      endpoints: plane.view.map((e) => e.name),
    });
  }
}
