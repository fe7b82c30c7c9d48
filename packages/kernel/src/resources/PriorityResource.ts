import { argumentError } from '../errors.js';
import { PriorityLine } from './PriorityLine.js';
import { Resource } from './Resource.js';
import { ResourceRequest } from './ResourceRequest.js';
import type { WaitingLine } from './WaitingLine.js';

/** Options of {@link PriorityResource.request}. */
export interface PriorityRequestOptions {
  /** Lower values are served first (default 0); any finite number. */
  readonly priority?: number | undefined;
}

/**
 * A counted resource whose queue is ordered by priority: SimPy's PriorityResource. A waiting request
 * with a lower `priority` value is granted before one with a higher value; equal priorities are served
 * in request order. A granted slot is never taken back (see {@link PreemptiveResource} for that).
 */
export class PriorityResource extends Resource {
  /** Asks for a slot with a priority; the request succeeds when the slot is granted. */
  override request(options?: PriorityRequestOptions): ResourceRequest {
    return this.submit(new ResourceRequest(this, checkedPriority(options?.priority), this.takeOrder()));
  }

  /** @internal */
  protected override createWaitingLine(): WaitingLine {
    return new PriorityLine(byPriority);
  }
}

/** @internal a request's priority, 0 when none is given; anything but a finite number is a bad argument */
export function checkedPriority(priority: unknown): number {
  if (priority === undefined) return 0;
  if (typeof priority !== 'number' || !Number.isFinite(priority)) {
    throw argumentError('priority', `expected a finite number, got ${String(priority)}`);
  }
  return priority;
}

/** Grant order of a PriorityResource: lower priority value first, then the earlier request. */
function byPriority(a: ResourceRequest, b: ResourceRequest): boolean {
  return a.queuePriority < b.queuePriority || (a.queuePriority === b.queuePriority && a.order < b.order);
}
