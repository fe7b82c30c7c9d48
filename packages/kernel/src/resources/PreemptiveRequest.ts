import type { Process } from '../Process.js';
import type { Resource } from './Resource.js';
import { ResourceRequest } from './ResourceRequest.js';

/**
 * A request on a PreemptiveResource: SimPy's PriorityRequest. Besides its priority it records
 * whether it may preempt, when it was made and by which process (the one to interrupt if it is
 * preempted in turn), and when it was granted.
 */
export class PreemptiveRequest extends ResourceRequest {
  /** Whether this request may take a slot from a less important holder. */
  readonly preempt: boolean;
  /** When the request was made (ms): the second part of its importance, after the priority. */
  readonly requestedAt: number;
  /** The process that made the request, or null when it was made outside any process. */
  readonly process: Process<unknown> | null;
  /** When the slot was granted (ms), or null while it has not been. */
  usageSince: number | null = null;

  /** @internal created by `resource.request()` */
  constructor(resource: Resource, priority: number, order: number, preempt: boolean) {
    super(resource, priority, order);
    this.preempt = preempt;
    this.requestedAt = resource.env.now;
    this.process = resource.env.activeProcess;
  }
}

/**
 * SimPy's importance order of preemptive requests, without the final tie-breaker: lower priority,
 * then earlier request, then a preempting request before one that does not preempt. Negative when
 * `a` is more important than `b`, 0 when neither is.
 */
export function compareImportance(a: PreemptiveRequest, b: PreemptiveRequest): number {
  return a.queuePriority - b.queuePriority || a.requestedAt - b.requestedAt || Number(b.preempt) - Number(a.preempt);
}

/** Grant order of a PreemptiveResource: by importance, then request order (SimPy's stable sort). */
export function preemptiveGrantOrder(a: ResourceRequest, b: ResourceRequest): boolean {
  const c = compareImportance(a as PreemptiveRequest, b as PreemptiveRequest);
  return c < 0 || (c === 0 && a.order < b.order);
}
