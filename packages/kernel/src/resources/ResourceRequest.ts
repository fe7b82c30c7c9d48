import { SimEvent } from '../SimEvent.js';
import type { RequestedResource } from './RequestedResource.js';

/** @internal where a request is in its life; it only ever moves forward */
export enum RequestStatus {
  Waiting = 0,
  Granted = 1,
  Released = 2,
  /** A PreemptiveResource took the slot back for a more important request. */
  Preempted = 3,
}

/**
 * A claim on one slot of a {@link Resource}: SimPy's Request. It is an event that succeeds once the slot
 * is granted, so a process waits for it with `yield request`. The holder gives the slot back with
 * `resource.release(request)`; the same call withdraws a request that is still waiting (say, because
 * its process was interrupted), so a `finally` block can always release.
 *
 * A request is disposable, like SimPy's request used in a `with` block: `using request =
 * resource.request();` releases it when the block is left, whether normally, by `return` or by an
 * error such as an Interrupt.
 */
export class ResourceRequest extends SimEvent<void> implements Disposable {
  /** The resource this request claims a slot of. */
  readonly resource: RequestedResource<ResourceRequest>;
  /**
   * Lower values are granted first by a PriorityResource; always 0 on a plain Resource. (Not called
   * `priority`: that name is the agenda's same-instant ordering, which every event carries.)
   */
  readonly queuePriority: number;
  /** @internal per-resource sequence number: the final tie-breaker, so equal priorities are FIFO */
  readonly order: number;
  /** @internal */
  status: RequestStatus = RequestStatus.Waiting;
  /** @internal index in a priority line's heap, -1 when not in one */
  slot = -1;

  /** @internal created by `resource.request()` */
  constructor(resource: RequestedResource<ResourceRequest>, priority: number, order: number) {
    super(resource.env);
    this.resource = resource;
    this.queuePriority = priority;
    this.order = order;
  }

  /** Shows the resource's name in traces. */
  override get label(): string | undefined {
    return this.resource.name;
  }

  /** True while the request waits in the resource's queue. */
  get isWaiting(): boolean {
    return this.status === RequestStatus.Waiting;
  }

  /** True from the moment the slot is granted until it is released. */
  get isGranted(): boolean {
    return this.status === RequestStatus.Granted;
  }

  /** True once a PreemptiveResource has taken the slot back for a more important request. */
  get isPreempted(): boolean {
    return this.status === RequestStatus.Preempted;
  }

  /** Same as `resource.release(this)`: leaves the queue if still waiting, gives the slot back if granted. */
  cancel(): void {
    this.resource.release(this);
  }

  /** Same as `resource.release(this)`, for `using request = resource.request()`. */
  [Symbol.dispose](): void {
    this.resource.release(this);
  }
}
