import { Preempted } from './Preempted.js';
import { compareImportance, PreemptiveRequest, preemptiveGrantOrder } from './PreemptiveRequest.js';
import { PriorityLine } from './PriorityLine.js';
import { checkedPriority, PriorityResource } from './PriorityResource.js';
import type { ResourceRequest } from './ResourceRequest.js';
import type { WaitingLine } from './WaitingLine.js';

/** Options of {@link PreemptiveResource.request}. */
export interface PreemptiveRequestOptions {
  /** Lower values are more important (default 0); any finite number. */
  readonly priority?: number | undefined;
  /** Whether the request may take a slot from a less important holder (default true). */
  readonly preempt?: boolean | undefined;
}

/**
 * A priority resource whose important requests take slots back: SimPy's PreemptiveResource.
 *
 * Requests are ranked by priority (lower first), then by the time they were made, then preempting
 * before non-preempting. When every slot is taken and the first request in line may preempt, the least
 * important holder (the latest granted among equals) loses its slot if it ranks strictly below that
 * request: its process receives an {@link Interrupt} whose cause is a {@link Preempted} naming the
 * preemptor, and the slot is granted to the request at once. The preempted request counts as released.
 *
 * SimPy checks for preemption only when a request is made or released; here it is checked whenever the
 * first request in line changes, so a preempting request never waits behind a free-able slot for an
 * unrelated event. A holder whose process has already finished loses its slot without an interrupt.
 */
export class PreemptiveResource extends PriorityResource {
  /** Granted requests in grant order. */
  private readonly holders: PreemptiveRequest[] = [];

  /** Asks for a slot with a priority, preempting a less important holder unless `preempt` is false. */
  override request(options?: PreemptiveRequestOptions): PreemptiveRequest {
    const preempt = options?.preempt ?? true;
    const request = new PreemptiveRequest(this, checkedPriority(options?.priority), this.takeOrder(), preempt === true);
    this.submit(request);
    this.preemptWhileDue();
    return request;
  }

  override release(request: ResourceRequest): void {
    super.release(request);
    this.preemptWhileDue();
  }

  /** The requests holding a slot right now, in the order they were granted (a copy). */
  get users(): readonly PreemptiveRequest[] {
    return [...this.holders];
  }

  /** @internal */
  protected override createWaitingLine(): WaitingLine {
    return new PriorityLine(preemptiveGrantOrder);
  }

  /** @internal */
  protected override grant(request: ResourceRequest): void {
    const preemptive = request as PreemptiveRequest;
    preemptive.usageSince = this.env.now;
    this.holders.push(preemptive);
    super.grant(request);
  }

  /** @internal */
  protected override vacated(request: ResourceRequest): void {
    const i = this.holders.indexOf(request as PreemptiveRequest);
    if (i >= 0) this.holders.splice(i, 1);
  }

  /** While the first request in line may preempt and outranks the least important holder, swaps them. */
  private preemptWhileDue(): void {
    const line = this.line as PriorityLine;
    for (;;) {
      const head = line.peek() as PreemptiveRequest | undefined;
      if (head === undefined || !head.preempt) return;
      const victim = this.leastImportantHolder();
      if (victim === undefined || compareImportance(victim, head) <= 0) return;
      this.revoke(victim);
      const process = victim.process;
      if (process?.isAlive && process !== this.env.activeProcess) {
        process.interrupt(new Preempted(head.process, victim.usageSince!, this));
      }
      this.grantWaiting();
    }
  }

  /** The holder SimPy would preempt: the least important, the latest granted among equals. */
  private leastImportantHolder(): PreemptiveRequest | undefined {
    let least: PreemptiveRequest | undefined;
    for (const holder of this.holders) {
      if (least === undefined || compareImportance(holder, least) >= 0) least = holder;
    }
    return least;
  }
}
