import type { Container } from '../containers/Container.js';
import type { EndpointView } from './BalancingPolicy.js';

/**
 * A replica as it serves requests: the requests it works on (at most `concurrency`), those waiting in
 * its queue (at most `queueLimit`), and what it has served. One per container of a served service,
 * kept while the container lives; the data plane lists it while it is an endpoint.
 */
export class Endpoint<Work> implements EndpointView {
  /** Requests in service, waiting here, or hanging at its dead host: `busy + queued + hung`. */
  active = 0;
  /** Requests holding a slot (in service, or waiting on their own calls). */
  busy = 0;
  /** Requests sent to it while its host was dead, outstanding until their clients time out. */
  hung = 0;
  /** Requests served to the end. */
  served = 0;
  /** Millicores in use now: the cpu of the attempts in their own work. */
  cpu = 0;
  /** The process got its stop signal: it finishes what it holds and takes nothing new. */
  draining = false;
  readonly weight = 1;
  /** The requests holding a slot. */
  readonly holding = new Set<Work>();
  /** Waiting requests, oldest first, from `head` on. */
  private readonly waiting: Work[] = [];
  private head = 0;

  constructor(
    readonly container: Container,
    readonly concurrency: number,
    readonly queueLimit: number,
  ) {}

  get name(): string {
    return this.container.name;
  }

  /** Requests waiting in the queue. */
  get queued(): number {
    return this.waiting.length - this.head;
  }

  enqueue(attempt: Work): void {
    this.waiting.push(attempt);
  }

  /** The oldest waiting request, or undefined. */
  dequeue(): Work | undefined {
    if (this.head === this.waiting.length) return undefined;
    const attempt = this.waiting[this.head]!;
    this.waiting[this.head++] = undefined as unknown as Work;
    if (this.head === this.waiting.length) {
      this.waiting.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting.splice(0, this.head);
      this.head = 0;
    }
    return attempt;
  }

  /** Takes every waiting request out, oldest first. */
  drain(): Work[] {
    const out = this.waiting.slice(this.head);
    this.waiting.length = 0;
    this.head = 0;
    return out;
  }
}
