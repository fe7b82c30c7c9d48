import { Entry, NORMAL } from './Agenda.js';
import type { EventEnvironment } from './EventEnvironment.js';
import type { Resumable } from './Resumable.js';

/** @internal lifecycle of an event */
export enum EventState {
  Pending = 0,
  Triggered = 1,
  Processed = 2,
  Cancelled = 3,
}

/** @internal bits of {@link SimEvent.flags}: the EventState in the low two bits, then these */
export const STATE_MASK = 3;
/** @internal the event failed: its result is the error */
export const FAILED = 4;
/** @internal a failure has been delivered to someone */
export const HANDLED = 8;
/** @internal a process's generator has been started */
export const STARTED = 16;

/** A callback run when an event is processed. */
export type EventCallback<T> = (event: SimEvent<T>) => void;

/** @internal callbacks are stored without their event type so that SimEvent stays covariant */
type AnyCallback = (event: SimEvent<unknown>) => void;

/** @internal a process waiting at its `yield`, or a callback */
type Waiter = Resumable | AnyCallback;

/**
 * Something that happens at one instant of simulated time, which processes can wait for: SimPy's Event.
 * An event is pending until it is triggered (`succeed` or `fail`), which puts it on the agenda;
 * when the agenda reaches it, it is processed and everyone waiting on it resumes.
 *
 * Errors are never lost: when a failed event is processed, a process waiting for it receives the error
 * at its `yield` (which handles it); otherwise, unless a callback or earlier code called
 * {@link SimEvent.defuse}, `run()` throws. Callbacks added with {@link SimEvent.onProcessed} see the
 * failure but do not handle it unless they defuse it, as in SimPy.
 */
export class SimEvent<T = unknown> extends Entry {
  // Few fields, assigned in the constructor, with the state and booleans packed into one small
  // integer: a timeout is allocated per `yield`, so its size and set-up cost are paid per event.
  /** The environment the event belongs to, as the event sees it: what it needs to schedule itself. */
  declare readonly env: EventEnvironment;
  /** @internal EventState | FAILED | HANDLED | STARTED */
  declare flags: number;
  /** @internal the value, or the error of a failed event */
  declare result: unknown;
  /**
   * @internal who waits: nobody, one process or callback (the usual case, without an array), or several
   * in the order they started waiting
   */
  declare waiters: Waiter | Waiter[] | null;

  constructor(env: EventEnvironment) {
    super();
    this.env = env;
    this.flags = EventState.Pending;
    this.result = undefined;
    this.waiters = null;
  }

  /** @internal */
  get state(): EventState {
    return this.flags & STATE_MASK;
  }
  set state(state: EventState) {
    this.flags = (this.flags & ~STATE_MASK) | state;
  }

  /** @internal false when the event failed */
  get isOk(): boolean {
    return (this.flags & FAILED) === 0;
  }

  get kind(): string {
    return 'event';
  }

  /** True once the event has been triggered (it is on the agenda or already processed). */
  get triggered(): boolean {
    const state = this.state;
    return state === EventState.Triggered || state === EventState.Processed;
  }

  /** True once the event has been processed and its waiters resumed. */
  get processed(): boolean {
    return this.state === EventState.Processed;
  }

  /** False when the event failed. Only meaningful once triggered. */
  get ok(): boolean {
    return this.isOk;
  }

  /** The value the event succeeded with, or the error it failed with. Throws while not yet triggered. */
  get value(): T {
    const state = this.state;
    if (state === EventState.Pending || state === EventState.Cancelled) {
      throw new Error('The value of an event is not available until the event has been triggered.');
    }
    return this.result as T;
  }

  /** Triggers the event with a value; its waiters resume at the current time, after earlier entries. */
  succeed(value?: T): this {
    this.assertPending('succeed');
    this.result = value;
    this.flags = (this.flags & ~(STATE_MASK | FAILED)) | EventState.Triggered;
    this.env.enqueue(this, 0, NORMAL);
    return this;
  }

  /** Triggers the event as failed: waiting processes see `error` thrown at their `yield`. */
  fail(error: Error): this {
    this.assertPending('fail');
    if (!(error instanceof Error)) throw new TypeError('SimEvent.fail expects an Error instance.');
    this.result = error;
    this.flags = (this.flags & ~STATE_MASK) | FAILED | EventState.Triggered;
    this.env.enqueue(this, 0, NORMAL);
    return this;
  }

  /**
   * Marks the event's failure as handled, so that `run()` does not throw it when the event is processed
   * with no process waiting for it: SimPy's `event.defused = True`. Call it before the event is
   * processed, or from a callback while it is. It has no effect on an event that succeeds.
   */
  defuse(): this {
    this.flags |= HANDLED;
    return this;
  }

  /** True once the event's failure has been handled: by a waiting process, by `defuse()`, or by a condition. */
  get defused(): boolean {
    return (this.flags & HANDLED) !== 0;
  }

  /**
   * Runs `callback` when the event is processed (immediately if it already has been). A callback that
   * takes responsibility for a failure must call `event.defuse()`; otherwise `run()` still throws it.
   */
  onProcessed(callback: EventCallback<T>): this {
    if (this.state === EventState.Processed) {
      callback(this);
      return this;
    }
    this.addWaiter(callback as AnyCallback);
    return this;
  }

  /** @internal stops `callback` from being run when the event is processed (a condition that has decided) */
  removeCallback(callback: EventCallback<T>): void {
    this.removeWaiter(callback as AnyCallback);
  }

  /** @internal */
  addWaiter(waiter: Waiter): void {
    const waiters = this.waiters;
    if (waiters === null) this.waiters = waiter;
    else if (Array.isArray(waiters)) waiters.push(waiter);
    else this.waiters = [waiters, waiter];
  }

  /** @internal removes a process that no longer waits (it was interrupted), or a callback */
  removeWaiter(waiter: Waiter): void {
    const waiters = this.waiters;
    if (waiters === waiter) {
      this.waiters = null;
    } else if (Array.isArray(waiters)) {
      const i = waiters.indexOf(waiter);
      if (i >= 0) waiters.splice(i, 1);
    }
  }

  /** @internal */
  fire(): void {
    const flags = (this.flags & ~STATE_MASK) | EventState.Processed;
    this.flags = flags;
    const waiters = this.waiters;
    const ok = (flags & FAILED) === 0;
    // A process that receives the failure handles it (SimPy's Process._resume defuses the event);
    // a callback handles it only by calling defuse().
    if (waiters !== null) {
      this.waiters = null;
      if (typeof waiters === 'function') {
        waiters(this);
      } else if (Array.isArray(waiters)) {
        for (const w of waiters) {
          if (typeof w === 'function') w(this);
          else {
            if (!ok) this.flags |= HANDLED;
            w.resume(ok, this.result);
          }
        }
      } else {
        if (!ok) this.flags |= HANDLED;
        waiters.resume(ok, this.result);
      }
    }
    if (!ok && (this.flags & HANDLED) === 0) this.env.unhandledFailure(this, this.result as Error);
  }

  private assertPending(method: string): void {
    if (this.state !== EventState.Pending) {
      throw new Error(`Cannot ${method} an event that has already been triggered or cancelled.`);
    }
  }
}
