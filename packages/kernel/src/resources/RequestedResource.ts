import type { EventEnvironment } from '../EventEnvironment.js';

/**
 * The part of a resource that a request needs: the environment its event belongs to, a name for
 * traces, and the release that `cancel()` and `using` call. `Resource` implements it; a request
 * depends on this interface rather than on the class, which creates it. `R` is the request type, a
 * parameter so that this interface need not name the request either.
 */
export interface RequestedResource<R> {
  /** The environment the resource's requests belong to. */
  readonly env: EventEnvironment;
  /** A name shown in traces and error messages. */
  readonly name: string | undefined;
  /** Gives back the slot `request` holds, or withdraws it from the queue if it has not been granted yet. */
  release(request: R): void;
}
