import type { Environment } from '../Environment.js';
import { argumentError } from '../errors.js';
import { FifoLine } from './FifoLine.js';
import type { RequestedResource } from './RequestedResource.js';
import { RequestStatus, ResourceRequest } from './ResourceRequest.js';
import type { WaitingLine } from './WaitingLine.js';

/** Options of a new {@link Resource}. */
export interface ResourceOptions {
  /** How many requests may hold the resource at once: a positive integer. */
  readonly capacity: number;
  /** A name shown in traces and error messages. */
  readonly name?: string | undefined;
}

/**
 * A counted resource with a first-come, first-served queue: SimPy's Resource. Think of servers at a
 * counter: `capacity` requests hold a slot at once and the rest wait in request order.
 *
 * Grants go through `succeed()`, so a process that is granted a slot resumes at the current time in
 * agenda order, never synchronously inside someone else's `request()` or `release()` call. The slot
 * counts as taken from the moment it is granted, so `count` never exceeds `capacity`.
 */
export class Resource implements RequestedResource<ResourceRequest> {
  readonly env: Environment;
  readonly capacity: number;
  readonly name: string | undefined;
  /** @internal the requests waiting, in grant order */
  protected readonly line: WaitingLine;
  private inUse = 0;
  private nextOrder = 0;

  constructor(env: Environment, options: ResourceOptions) {
    const capacity = options?.capacity;
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1) {
      throw argumentError('capacity', `expected a positive integer, got ${String(capacity)}`);
    }
    this.env = env;
    this.capacity = capacity;
    this.name = options.name;
    this.line = this.createWaitingLine();
  }

  /** Number of slots held right now. */
  get count(): number {
    return this.inUse;
  }

  /** Number of requests waiting for a slot. */
  get queueLength(): number {
    return this.line.size;
  }

  /** Asks for a slot. The returned request succeeds when the slot is granted: `yield request`. */
  request(): ResourceRequest {
    return this.submit(new ResourceRequest(this, 0, this.takeOrder()));
  }

  /**
   * Gives back the slot `request` holds and grants it to the next waiting request; withdraws `request`
   * from the queue if it has not been granted yet. Releasing an already released (or preempted)
   * request does nothing, so cleanup code may release unconditionally.
   */
  release(request: ResourceRequest): void {
    if (!(request instanceof ResourceRequest) || request.resource !== this) {
      throw argumentError('request', `expected a request made by this resource${this.describe()}`);
    }
    switch (request.status) {
      case RequestStatus.Waiting:
        request.status = RequestStatus.Released;
        this.line.remove(request);
        return;
      case RequestStatus.Granted:
        request.status = RequestStatus.Released;
        this.inUse -= 1;
        this.vacated(request);
        this.grantWaiting();
        return;
      case RequestStatus.Released:
      case RequestStatus.Preempted:
        return;
    }
  }

  /** @internal the queue discipline; PriorityResource supplies its own */
  protected createWaitingLine(): WaitingLine {
    return new FifoLine();
  }

  /** @internal the next request's sequence number: the final tie-breaker of grant order */
  protected takeOrder(): number {
    return this.nextOrder++;
  }

  /** @internal grants a new request at once when a slot is free, or puts it in line */
  protected submit<R extends ResourceRequest>(request: R): R {
    // Nobody waits while a slot is free (grantWaiting runs on every release), so a free slot
    // means this request is first in line.
    if (this.inUse < this.capacity) this.grant(request);
    else this.line.add(request);
    return request;
  }

  /** @internal called when a granted request gives its slot back, before the slot is granted again */
  protected vacated(_request: ResourceRequest): void {}

  /** @internal takes the slot of a granted request back without granting it to anyone (preemption) */
  protected revoke(request: ResourceRequest): void {
    request.status = RequestStatus.Preempted;
    this.inUse -= 1;
    this.vacated(request);
  }

  /** @internal grants free slots to waiting requests in line order */
  protected grantWaiting(): void {
    const line = this.line;
    while (this.inUse < this.capacity) {
      const next = line.next();
      if (next === undefined) return;
      this.grant(next);
    }
  }

  /** @internal */
  protected grant(request: ResourceRequest): void {
    request.status = RequestStatus.Granted;
    this.inUse += 1;
    request.succeed();
  }

  private describe(): string {
    return this.name === undefined ? '' : ` '${this.name}'`;
  }
}
