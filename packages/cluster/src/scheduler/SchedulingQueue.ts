import type { Callback, Environment } from '@berth/kernel';
import type { Container } from '../containers/Container.js';
import type { QueueOrder } from './QueueOrder.js';

/** Backoff settings of the queue, in ms (kube-scheduler's podInitialBackoff / podMaxBackoff). */
export interface QueueSettings {
  readonly initialBackoff: number;
  readonly maxBackoff: number;
  /** An unschedulable container is retried at least this often (kube: 5 min). */
  readonly maxUnschedulableWait: number;
}

interface Waiting {
  state: 'active' | 'backoff' | 'unschedulable';
  lastAttempt: number;
  wake: Callback | null;
}

/**
 * kube-scheduler's scheduling queue: an active queue in the order's sequence, a backoff stage and an
 * unschedulable set. A scheduling cycle runs at the current instant whenever the active queue has
 * work; a container that fits nowhere becomes unschedulable until the cluster changes (then it
 * waits out its backoff, 1 s doubling to 10 s) or the maximum unschedulable wait passes.
 */
export class SchedulingQueue {
  private readonly waiting = new Map<Container, Waiting>();
  private readonly unschedulable = new Set<Container>();
  private readonly cycleHandle: Callback;
  private readonly flushHandle: Callback;

  constructor(
    private readonly env: Environment,
    private readonly order: QueueOrder,
    private readonly settings: QueueSettings,
    /** Tries to place the container; returns true when it was placed. */
    private readonly attempt: (container: Container) => boolean,
  ) {
    this.cycleHandle = env.schedule(0, () => this.cycle(), undefined, { name: 'scheduler' });
    env.cancel(this.cycleHandle);
    this.flushHandle = env.schedule(0, () => this.flush(), undefined, { name: 'queue-flush' });
    env.cancel(this.flushHandle);
  }

  /** Containers waiting in any stage. */
  get size(): number {
    return this.waiting.size;
  }

  /** Puts a container in the active queue and makes sure a cycle runs now. */
  add(container: Container): void {
    let w = this.waiting.get(container);
    if (w === undefined) {
      w = { state: 'active', lastAttempt: -1, wake: null };
      this.waiting.set(container, w);
    } else {
      if (w.state === 'active') return;
      if (w.wake !== null) this.env.cancel(w.wake);
      this.unschedulable.delete(container);
      w.state = 'active';
    }
    this.order.push(container);
    if (!this.cycleHandle.scheduled) this.env.reschedule(this.cycleHandle, 0);
  }

  /** Withdraws a container from every stage (it was placed, deleted or evicted). */
  remove(container: Container): void {
    const w = this.waiting.get(container);
    if (w === undefined) return;
    if (w.wake !== null) this.env.cancel(w.wake);
    this.unschedulable.delete(container);
    this.waiting.delete(container);
  }

  /** Something freed capacity or added a host: unschedulable containers get another try after their backoff. */
  clusterChanged(): void {
    if (this.unschedulable.size > 0 && !this.flushHandle.scheduled) this.env.reschedule(this.flushHandle, 0);
  }

  /** One scheduling cycle: attempt every container in the active queue, in queue order. */
  private cycle(): void {
    for (;;) {
      const container = this.order.pop();
      if (container === undefined) return;
      const w = this.waiting.get(container);
      if (w === undefined || w.state !== 'active' || container.phase !== 'pending') continue;
      w.lastAttempt = this.env.now;
      if (this.attempt(container)) {
        this.remove(container);
        continue;
      }
      if (!this.waiting.has(container)) continue;
      w.state = 'unschedulable';
      this.unschedulable.add(container);
      this.wakeAfter(container, w, this.settings.maxUnschedulableWait);
    }
  }

  private flush(): void {
    const now = this.env.now;
    const { initialBackoff, maxBackoff } = this.settings;
    for (const container of [...this.unschedulable]) {
      const w = this.waiting.get(container)!;
      this.unschedulable.delete(container);
      // kube-scheduler's backoff: initial × 2^(attempts−1), capped at the maximum.
      const backoff = Math.min(initialBackoff * 2 ** Math.min(container.attempts - 1, 30), maxBackoff);
      const ready = w.lastAttempt + backoff;
      if (ready <= now) this.add(container);
      else {
        w.state = 'backoff';
        this.wakeAfter(container, w, ready - now);
      }
    }
  }

  private wakeAfter(container: Container, w: Waiting, delay: number): void {
    if (w.wake === null) {
      w.wake = this.env.schedule(delay, (c: Container) => this.add(c), container, { name: 'queue-wake' });
    } else {
      if (w.wake.scheduled) this.env.cancel(w.wake);
      this.env.reschedule(w.wake, delay);
    }
  }
}
