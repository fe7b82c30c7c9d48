import type { Container } from '../containers/Container.js';
import type { EndpointView } from './LoadBalancingPolicy.js';

/** What an endpoint keeps on the requests holding its slots: where each sits, and in what order it came. */
export interface HeldWork {
  /** Position in the endpoint's `holding` list, -1 when not holding a slot. */
  holdingIndex: number;
  /** Order of taking the slot (increasing per endpoint), so a killed replica fails its requests in that order. */
  heldSince: number;
}

/**
 * A replica as it serves requests: the requests it works on (at most `concurrency`), those waiting in
 * its queue (at most `queueLimit`), and what it has served. One per container of a served service,
 * kept while the container lives; the data plane lists it while it is an endpoint.
 */
export class Endpoint<Work extends HeldWork> implements EndpointView {
  /** Requests in service, waiting here, or hanging at its dead host: `busy + queued + hung`. */
  active = 0;
  /** Requests holding a slot (in service, or waiting on their own calls). */
  busy = 0;
  /** Requests sent to it while its host was dead, outstanding until their clients time out. */
  hung = 0;
  /** Requests served to the end. */
  served = 0;
  /** Millicores in use now: the cpu of the attempts in their own work (change it with {@link setCpu}). */
  cpu = 0;
  /** Millicore-ms used up to {@link cpuSince}: cAdvisor's cumulative `usage_seconds_total`, in the simulation's units. */
  private cpuUsed = 0;
  private cpuSince = 0;
  /** The process got its stop signal: it finishes what it holds and takes nothing new. */
  draining = false;
  /** The requests holding a slot, in no particular order (a request leaves by swapping with the last). */
  readonly holding: Work[] = [];
  /** Waiting requests, oldest first, from `head` to `tail`. */
  private readonly waiting: Array<Work | undefined> = [];
  private head = 0;
  private tail = 0;
  /** Slots taken so far: the next `heldSince`. */
  private taken = 0;

  constructor(
    readonly container: Container,
    readonly concurrency: number,
    readonly queueLimit: number,
    /** Relative capacity for weighted policies (`serving.weights`; 1 unless set). */
    readonly weight = 1,
    createdAt = 0,
  ) {
    this.cpuSince = createdAt;
  }

  get name(): string {
    return this.container.name;
  }

  /** The cpu in use changes to `cpu` millicores at `now`: the time integral is brought up to date first. */
  setCpu(cpu: number, now: number): void {
    this.cpuUsed += this.cpu * (now - this.cpuSince);
    this.cpuSince = now;
    this.cpu = cpu;
  }

  /** Millicore-ms used from the endpoint's creation to `now` (cumulative, as a cgroup's cpu counter). */
  cpuTime(now: number): number {
    return this.cpuUsed + this.cpu * (now - this.cpuSince);
  }

  /** Requests waiting in the queue. */
  get queued(): number {
    return this.tail - this.head;
  }

  /** A request takes a slot. */
  hold(work: Work): void {
    work.holdingIndex = this.holding.length;
    work.heldSince = this.taken++;
    this.holding.push(work);
  }

  /** A request gives its slot back. */
  unhold(work: Work): void {
    const holding = this.holding;
    const last = holding.pop()!;
    if (last !== work) {
      holding[work.holdingIndex] = last;
      last.holdingIndex = work.holdingIndex;
    }
    work.holdingIndex = -1;
  }

  /** Every request holding a slot, in the order they took them, and forgets them. */
  releaseAll(): Work[] {
    const held = this.holding.slice().sort((a, b) => a.heldSince - b.heldSince);
    for (const work of held) work.holdingIndex = -1;
    this.holding.length = 0;
    return held;
  }

  enqueue(work: Work): void {
    this.waiting[this.tail++] = work;
  }

  /** The oldest waiting request, or undefined. */
  dequeue(): Work | undefined {
    if (this.head === this.tail) return undefined;
    const work = this.waiting[this.head]!;
    this.waiting[this.head++] = undefined;
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    } else if (this.head > 1024 && this.head * 2 > this.tail) {
      this.waiting.copyWithin(0, this.head, this.tail);
      this.waiting.fill(undefined, this.tail - this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
    }
    return work;
  }

  /** Takes every waiting request out, oldest first. */
  drain(): Work[] {
    const out = this.waiting.slice(this.head, this.tail) as Work[];
    this.waiting.fill(undefined, this.head, this.tail);
    this.head = 0;
    this.tail = 0;
    return out;
  }
}
