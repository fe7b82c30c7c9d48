import { Entry, NORMAL } from './Agenda.js';
import type { Environment } from './Environment.js';
import type { Process } from './Process.js';

/** @internal lifecycle of an event */
export enum EventState {
  Pending = 0,
  Triggered = 1,
  Processed = 2,
  Cancelled = 3,
}

/** A callback run when an event is processed. */
export type EventCallback<T> = (event: SimEvent<T>) => void;

/** @internal callbacks are stored without their event type so that SimEvent stays covariant */
type AnyCallback = (event: SimEvent<unknown>) => void;

/**
 * Something that happens at one instant of simulated time, which processes can wait for: SimPy's Event.
 * An event is pending until it is triggered (`succeed` or `fail`), which puts it on the agenda;
 * when the agenda reaches it, it is processed and everyone waiting on it resumes.
 * A failed event that nobody waits for makes `run()` throw, so that errors are never lost.
 */
export class SimEvent<T = unknown> extends Entry {
  readonly env: Environment;
  /** @internal */
  state: EventState = EventState.Pending;
  /** @internal */
  isOk = true;
  /** @internal */
  result: unknown = undefined;
  /** @internal the usual single waiter, kept apart from `waiters` to avoid an array per event */
  waiter: Process<unknown> | null = null;
  /** @internal further waiters: processes or callbacks */
  waiters: Array<Process<unknown> | AnyCallback> | null = null;
  /** @internal set once a failure has been delivered to someone */
  handled = false;

  constructor(env: Environment) {
    super();
    this.env = env;
  }

  get kind(): string {
    return 'event';
  }

  /** True once the event has been triggered (it is on the agenda or already processed). */
  get triggered(): boolean {
    return this.state === EventState.Triggered || this.state === EventState.Processed;
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
    if (this.state === EventState.Pending || this.state === EventState.Cancelled) {
      throw new Error('The value of an event is not available until the event has been triggered.');
    }
    return this.result as T;
  }

  /** Triggers the event with a value; its waiters resume at the current time, after earlier entries. */
  succeed(value?: T): this {
    this.assertPending('succeed');
    this.isOk = true;
    this.result = value;
    this.env.enqueue(this, 0, NORMAL);
    this.state = EventState.Triggered;
    return this;
  }

  /** Triggers the event as failed: waiting processes see `error` thrown at their `yield`. */
  fail(error: Error): this {
    this.assertPending('fail');
    if (!(error instanceof Error)) throw new TypeError('SimEvent.fail expects an Error instance.');
    this.isOk = false;
    this.result = error;
    this.env.enqueue(this, 0, NORMAL);
    this.state = EventState.Triggered;
    return this;
  }

  /** Marks a failure as handled, so that nobody waiting on it does not make `run()` throw. */
  defuse(): this {
    this.handled = true;
    return this;
  }

  /** Runs `callback` when the event is processed (immediately if it already has been). */
  onProcessed(callback: EventCallback<T>): this {
    if (this.state === EventState.Processed) {
      if (!this.isOk) this.handled = true;
      callback(this);
      return this;
    }
    this.addWaiter(callback as AnyCallback);
    return this;
  }

  /** @internal */
  addWaiter(waiter: Process<unknown> | AnyCallback): void {
    if (this.waiter === null && this.waiters === null && typeof waiter !== 'function') {
      this.waiter = waiter;
      return;
    }
    if (this.waiters === null) this.waiters = [waiter];
    else this.waiters.push(waiter);
  }

  /** @internal removes a process that no longer waits (it was interrupted) */
  removeWaiter(process: Process<unknown>): void {
    if (this.waiter === process) {
      this.waiter = null;
      return;
    }
    const list = this.waiters;
    if (list === null) return;
    const i = list.indexOf(process);
    if (i >= 0) list.splice(i, 1);
  }

  /** @internal */
  fire(): void {
    this.state = EventState.Processed;
    const ok = this.isOk;
    const waiter = this.waiter;
    if (waiter !== null) {
      this.waiter = null;
      if (!ok) this.handled = true;
      waiter.resume(ok, this.result);
    }
    const list = this.waiters;
    if (list !== null) {
      this.waiters = null;
      if (!ok && list.length > 0) this.handled = true;
      for (const w of list) {
        if (typeof w === 'function') w(this);
        else w.resume(ok, this.result);
      }
    }
    if (!ok && !this.handled) this.env.unhandledFailure(this);
  }

  private assertPending(method: string): void {
    if (this.state !== EventState.Pending) {
      throw new Error(`Cannot ${method} an event that has already been triggered or cancelled.`);
    }
  }
}
