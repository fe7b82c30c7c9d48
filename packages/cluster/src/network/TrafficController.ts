import type { Callback, RandomStream } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { ClusterEvent } from '../events/ClusterEvent.js';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type { Endpoint } from './Endpoint.js';
import type { FailureCause } from './FailureCause.js';
import type { LoadSource } from './LoadSource.js';
import { Attempt, Request } from './Request.js';
import type { RequestType } from './RequestType.js';
import { type AttemptSink, ServicePlane, type ServingSettings } from './ServicePlane.js';
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
  /** No arrival at or after this time (the scenario's horizon); Infinity for none. */
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
  rng: RandomStream;
}

/**
 * Requests flowing through the cluster: load sources send requests to services; each service's data
 * plane (its {@link ServicePlane}) picks a replica per request with its balancing policy, from the
 * endpoints it knows, which trail the replicas' readiness by the propagation delay; a replica works on
 * at most `concurrency` requests and queues at most `queue` more; a request may call other services
 * (holding its slot meanwhile); clients time out and retry per the request type.
 *
 * Hears `container.ready` / `container.unready` (endpoints come and go), and a replica's process dying
 * (`container.crashed`, `container.lost`, its end) which fails the requests it held. Records
 * `endpoints.updated` and `request.failed` events; everything else is counted in {@link report}.
 *
 * The request path allocates two small objects per try and schedules one agenda entry per unit of
 * work; timeouts cost one entry per request type, re-armed as the oldest deadline passes.
 */
export class TrafficController implements AttemptSink {
  private readonly planes = new Map<string, ServicePlane>();
  private readonly books = new Map<string, TypeBook>();
  private readonly sourceCounters = new Map<LoadSource, RequestCounters>();
  private readonly workDone = (attempt: Attempt): void => this.afterWork(attempt);
  private readonly resend = (request: Request): void => this.send(request);

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly settings: TrafficSettings,
  ) {
    const balancing = rt.random.stream('balancing');
    for (const [service, serving] of settings.services) {
      this.planes.set(
        service,
        new ServicePlane(
          service,
          serving,
          balancing.stream(service),
          rt.env,
          {
            propagationMs: settings.propagationMs,
            minSyncMs: settings.minSyncMs,
            changed: (plane) => this.viewChanged(plane),
          },
          this,
        ),
      );
    }
    const work = rt.random.stream('service-times');
    for (const [name, type] of settings.requests) {
      this.books.set(name, {
        type,
        counters: new RequestCounters(),
        deadlines: [],
        head: 0,
        timer: null,
        inFlight: 0,
        retrying: 0,
        rng: work.stream(name),
      });
    }
  }

  /** Puts every load source's first arrival on the agenda. */
  start(): void {
    const arrivals = this.rt.random.stream('arrivals');
    for (const source of this.settings.sources) {
      const counters = new RequestCounters();
      this.sourceCounters.set(source, counters);
      const stream = arrivals.stream(source.name);
      const keys = arrivals.stream(`${source.name}/keys`);
      const times = source.arrivals.times(stream, this.settings.until, this.rt.env.now);
      const env = this.rt.env;
      const type = this.books.get(source.request)!.type;
      let next = times.next();
      if (next.done === true) continue;
      const arrive = () => {
        const key = source.keys > 0 ? keys.integer(0, source.keys) : 0;
        counters.sent += 1;
        this.send(new Request(type, source, env.now, key));
        next = times.next();
        if (next.done !== true) env.reschedule(handle, next.value - env.now);
      };
      const handle = env.schedule(next.value - env.now, arrive, undefined, { name: `arrivals:${source.name}` });
    }
  }

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
      default:
    }
  };

  /** The figures so far. */
  report(): TrafficReport {
    const sources: TrafficReport['sources'] = {};
    for (const [source, counters] of this.sourceCounters) {
      (sources as Record<string, unknown>)[source.name] = counters.figures();
    }
    const requests: TrafficReport['requests'] = {};
    for (const [name, book] of this.books) (requests as Record<string, unknown>)[name] = book.counters.figures();
    const services: Record<string, ServiceFigures> = {};
    for (const [name, plane] of this.planes) services[name] = plane.figures();
    return { sources, requests, services };
  }

  /** The endpoint of a container, if its service is served. */
  endpointOf(container: Container): Endpoint<Attempt> | undefined {
    const service = container.service;
    return service === undefined ? undefined : this.planes.get(service)?.endpoint(container);
  }

  private planeOf(containerName: string): ServicePlane | undefined {
    const service = this.rt.container(containerName)?.service;
    return service === undefined ? undefined : this.planes.get(service);
  }

  /** Sends a request's next try. */
  private send(request: Request): void {
    const book = this.books.get(request.type.name)!;
    const now = this.rt.env.now;
    if (request.tries === 0) {
      book.inFlight += 1;
      book.counters.sent += 1;
    } else if (request.tries === 1) book.retrying += 1;
    request.tries += 1;
    const attempt = new Attempt(request, request.type, now, request.type.timeoutMs);
    request.attempt = attempt;
    if (attempt.deadline !== Number.POSITIVE_INFINITY) this.watchDeadline(book, attempt);
    const plane = this.planes.get(request.type.service)!;
    plane.route(attempt, request.key);
  }

  /** The plane found no endpoint, a full queue or a dead process. */
  refuse(attempt: Attempt, cause: FailureCause): void {
    attempt.stage = 'done';
    this.attemptFailed(attempt, cause);
  }

  /** The attempt reached a replica whose host is gone: it hangs until its client times out. */
  hang(attempt: Attempt): void {
    attempt.stage = 'done';
    if (attempt.deadline === Number.POSITIVE_INFINITY) this.attemptFailed(attempt, 'stale-endpoint');
  }

  /** The replica starts working on the attempt. */
  startWork(attempt: Attempt, endpoint: Endpoint<Attempt>): void {
    const type = attempt.type;
    attempt.stage = 'working';
    endpoint.cpu += type.cpu;
    const book = this.books.get(type.name)!;
    attempt.timer = this.rt.env.schedule(type.serviceTime.sample(book.rng), this.workDone, attempt);
  }

  private afterWork(attempt: Attempt): void {
    attempt.timer = null;
    const type = attempt.type;
    attempt.endpoint!.cpu -= type.cpu;
    this.nextCall(attempt, type);
  }

  private nextCall(attempt: Attempt, type: RequestType): void {
    if (attempt.nextCall >= type.calls.length) {
      this.finish(attempt, null);
      return;
    }
    attempt.stage = 'calling';
    const callType = this.books.get(type.calls[attempt.nextCall]!)!.type;
    attempt.nextCall += 1;
    this.send(new Request(callType, attempt, this.rt.env.now, attempt.request?.key ?? 0));
  }

  /** A call made by `attempt` was answered (cause null) or failed for good. */
  private callDone(attempt: Attempt, cause: FailureCause | null): void {
    if (attempt.stage !== 'calling') return;
    if (cause === null) this.nextCall(attempt, attempt.type);
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
    const now = this.rt.env.now;
    book.counters.succeeded += 1;
    book.counters.latency.record(now - request.createdAt);
    this.requestOver(book, request);
    const origin = request.origin;
    if (origin instanceof Attempt) this.callDone(origin, null);
    else {
      const counters = this.sourceCounters.get(origin)!;
      counters.succeeded += 1;
      counters.latency.record(now - request.createdAt);
    }
  }

  private attemptFailed(attempt: Attempt, cause: FailureCause): void {
    const request = attempt.request;
    if (request === null || request.attempt !== attempt) return;
    attempt.request = null;
    request.attempt = null;
    const book = this.books.get(request.type.name)!;
    const retry = request.type.retry;
    if (
      retry !== null &&
      request.tries <= retry.attempts &&
      retry.on.includes(cause) &&
      book.retrying < Math.max(retry.minConcurrency, retry.budget * book.inFlight)
    ) {
      book.counters.retries += 1;
      const origin = request.origin;
      if (!(origin instanceof Attempt)) this.sourceCounters.get(origin)!.retries += 1;
      // Envoy's fully jittered exponential back-off: uniform in [0, (2^n − 1) × base), capped.
      const ceiling = Math.min((2 ** request.tries - 1) * retry.backoffMs, retry.maxBackoffMs);
      this.rt.env.schedule(book.rng.uniform(0, ceiling), this.resend, request, { name: 'retry' });
      return;
    }
    book.counters.fail(cause);
    this.requestOver(book, request);
    const origin = request.origin;
    if (origin instanceof Attempt) {
      this.callDone(origin, cause);
      return;
    }
    this.sourceCounters.get(origin)!.fail(cause);
    this.rt.emit({
      at: this.rt.env.now,
      type: 'request.failed',
      source: origin.name,
      request: request.type.name,
      cause,
      tries: request.tries,
    });
  }

  private requestOver(book: TypeBook, request: Request): void {
    book.inFlight -= 1;
    if (request.tries > 1) book.retrying -= 1;
  }

  /** Adds an attempt to its type's deadline order, arming the timer if it was idle. */
  private watchDeadline(book: TypeBook, attempt: Attempt): void {
    book.deadlines.push(attempt);
    if (book.timer === null) {
      book.timer = this.rt.env.schedule(
        attempt.deadline - this.rt.env.now,
        () => this.deadlinesPassed(book),
        undefined,
        {
          name: `timeouts:${book.type.name}`,
        },
      );
    } else if (!book.timer.scheduled) this.rt.env.reschedule(book.timer, attempt.deadline - this.rt.env.now);
  }

  /** Times out every attempt whose deadline has passed and whose client still waits; re-arms for the next. */
  private deadlinesPassed(book: TypeBook): void {
    const now = this.rt.env.now;
    const list = book.deadlines;
    while (book.head < list.length) {
      const attempt = list[book.head]!;
      if (attempt.request !== null && attempt.request.attempt === attempt && attempt.deadline > now) break;
      book.head += 1;
      if (attempt.request !== null && attempt.request.attempt === attempt) this.attemptFailed(attempt, 'timeout');
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
