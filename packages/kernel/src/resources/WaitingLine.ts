import type { ResourceRequest } from './ResourceRequest.js';

/** @internal the requests waiting for a resource, in the order in which they are to be granted */
export interface WaitingLine {
  /** Number of requests still waiting (withdrawn ones excluded). */
  readonly size: number;
  add(request: ResourceRequest): void;
  /** Removes and returns the request to grant next, or undefined when nobody waits. */
  next(): ResourceRequest | undefined;
  /** Takes out a waiting request; the resource has already marked it as no longer waiting. */
  remove(request: ResourceRequest): void;
}
