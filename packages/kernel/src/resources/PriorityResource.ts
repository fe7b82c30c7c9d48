import { argumentError } from '../errors.js';
import { PriorityLine } from './PriorityLine.js';
import { Resource } from './Resource.js';
import type { ResourceRequest } from './ResourceRequest.js';
import type { WaitingLine } from './WaitingLine.js';

/** Options of {@link PriorityResource.request}. */
export interface PriorityRequestOptions {
  /** Lower values are served first (default 0); any finite number. */
  readonly priority?: number | undefined;
}

/**
 * A counted resource whose queue is ordered by priority: SimPy's PriorityResource. A waiting request
 * with a lower `priority` value is granted before one with a higher value; equal priorities are served
 * in request order. A granted slot is never taken back (no preemption).
 */
export class PriorityResource extends Resource {
  /** Asks for a slot with a priority; the request succeeds when the slot is granted. */
  override request(options?: PriorityRequestOptions): ResourceRequest {
    const priority = options?.priority ?? 0;
    if (typeof priority !== 'number' || !Number.isFinite(priority)) {
      throw argumentError('priority', `expected a finite number, got ${String(priority)}`);
    }
    return this.submit(priority);
  }

  /** @internal */
  protected override createWaitingLine(): WaitingLine {
    return new PriorityLine();
  }
}
