import type { Callback } from '@berth/kernel';
import type { Client } from './Client.js';
import type { Endpoint } from './Endpoint.js';
import type { LoadBalancingPolicy } from './LoadBalancingPolicy.js';
import type { RequestType } from './RequestType.js';

/**
 * A client's request: from a load source's client (a user, an external client) or a call a replica makes
 * while answering another request. It is tried, and retried per its type's retry policy, until one attempt
 * answers or it gives up.
 */
export class Request {
  /** Tries so far. */
  tries = 0;
  /** The attempt under way, or null between a failure and its retry. */
  attempt: Attempt | null = null;

  constructor(
    readonly type: RequestType,
    /** Where it came from: a load source's client, or the attempt that made this call. */
    readonly origin: Client<Attempt> | Attempt,
    readonly createdAt: number,
    /** Hash key for consistent hashing (0 when none). */
    readonly key: number,
    /** For a call, the policy its caller's proxy balances it with; null: the service's own. */
    readonly balancing: LoadBalancingPolicy<unknown> | null = null,
  ) {}
}

/**
 * One try of a request at one replica: the server's side of the work. It waits in the replica's queue,
 * holds a slot while the replica works on it and while its own calls to other services run, and is
 * done when the last call returns. A client that stops waiting (a timeout) abandons it: the replica
 * finishes it all the same, but nobody hears the answer.
 */
export class Attempt {
  /** The request it answers; null once the client gave up on it. */
  request: Request | null;
  endpoint: Endpoint<Attempt> | null = null;
  /**
   * 'queued' → 'working' → 'calling' → 'done'; 'routing' before it reaches a replica; 'hung' when the
   * replica's host is dead and nothing will answer before the client's timeout.
   */
  stage: 'routing' | 'queued' | 'working' | 'calling' | 'hung' | 'done' = 'routing';
  /** The replica's work in progress, while `working`. */
  timer: Callback | null = null;
  /** Index of the next call to make. */
  nextCall = 0;
  /** Where it sits among its replica's slot holders (see Endpoint.hold), -1 when holding none. */
  holdingIndex = -1;
  heldSince = 0;
  /** The client gives up at this time. */
  readonly deadline: number;

  constructor(
    request: Request,
    /** The request type, kept once the client has let go of the request. */
    readonly type: RequestType,
    readonly sentAt: number,
    timeoutMs: number,
  ) {
    this.request = request;
    this.deadline = sentAt + timeoutMs;
  }
}
