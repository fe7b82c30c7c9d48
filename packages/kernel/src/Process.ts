import { Entry, NORMAL, URGENT } from './Agenda.js';
import { argumentError } from './errors.js';
import { Interrupt } from './Interrupt.js';
import type { ProcessEnvironment } from './ProcessEnvironment.js';
import type { Resumable } from './Resumable.js';
import { EventState, FAILED, HANDLED, SimEvent, STARTED, STATE_MASK } from './SimEvent.js';

/**
 * The generator a process runs. It yields events to wait for; the value of the event (or its error)
 * comes back at the `yield`. What it returns becomes the value of the process.
 */
export type ProcessGenerator<T = void> = Generator<SimEvent<unknown>, T, unknown>;

/** Options of a new process. */
export interface ProcessOptions {
  /** A name shown in traces and error messages. */
  readonly name?: string | undefined;
  /**
   * Milliseconds to wait before the generator starts (default 0: now, before ordinary entries at this
   * instant). A delayed process starts among the ordinary entries due then, where SimPy's
   * `start_delayed` starts one: as if a process started now and first waited `delay` ms.
   */
  readonly delay?: number | undefined;
}

/**
 * A generator function running in simulated time: SimPy's Process. A process is itself an event that
 * succeeds with the generator's return value (or fails with what it threw), so processes can wait for
 * one another.
 */
export class Process<T = unknown> extends SimEvent<T> implements Resumable {
  /** The environment the process runs in, as the process sees it. */
  declare readonly env: ProcessEnvironment;
  declare private readonly generator: ProcessGenerator<T>;
  declare private readonly name: string | undefined;
  /** The event the process is waiting for, or null while it runs or once it has finished. */
  declare private target: SimEvent<unknown> | null;
  /** Milliseconds still to wait before the generator starts; 0 once it is due. */
  declare private startDelay: number;

  constructor(env: ProcessEnvironment, generator: ProcessGenerator<T>, options?: ProcessOptions) {
    super(env);
    if (generator === null || typeof generator !== 'object' || typeof generator.next !== 'function') {
      throw new TypeError(
        'env.process expects a generator object: call the generator function, e.g. env.process(worker(env)).',
      );
    }
    this.generator = generator;
    this.name = options?.name;
    this.target = null;
    // The process is its own start entry, queued now before ordinary entries. A delayed process, when
    // that entry runs, queues itself again `delay` ms later: the place where SimPy's start_delayed,
    // a helper process that first waits for a timeout, starts it.
    const delay = options?.delay ?? 0;
    if (!(delay >= 0 && delay < Number.POSITIVE_INFINITY)) {
      throw argumentError('delay', `expected a finite number of milliseconds >= 0, got ${delay}`);
    }
    this.startDelay = delay;
    env.enqueue(this, 0, URGENT);
  }

  override get kind(): string {
    return 'process';
  }

  override get label(): string | undefined {
    return this.name;
  }

  /** True once the generator has started running (false while a delayed start is pending). */
  get started(): boolean {
    return (this.flags & STARTED) !== 0;
  }

  /** True until the generator has returned or thrown. */
  get isAlive(): boolean {
    return this.state === EventState.Pending;
  }

  /** The event this process currently waits for, if any. */
  get waitingFor(): SimEvent<unknown> | null {
    return this.target;
  }

  /**
   * Throws an {@link Interrupt} carrying `cause` into the process at its current `yield`, at the current
   * time and before ordinary events. The event it was waiting for no longer resumes it. A process whose
   * delayed start is still pending never starts: it fails with the Interrupt at once.
   */
  interrupt(cause?: unknown): void {
    if (this.state !== EventState.Pending) {
      throw new Error(`Cannot interrupt ${this.describe()}: it has already finished.`);
    }
    if (this.env.activeProcess === this) {
      throw new Error(`${this.describe()} cannot interrupt itself.`);
    }
    this.env.enqueue(new Interruption(this, cause), 0, URGENT);
  }

  /** A process finishes when its generator does; it cannot be triggered from outside. */
  override succeed(_value?: T): this {
    throw new Error(`Cannot succeed ${this.describe()}: it finishes when its generator returns.`);
  }

  /** A process fails when its generator throws; to stop it from outside, interrupt it. */
  override fail(_error?: Error): this {
    throw new Error(`Cannot fail ${this.describe()}: interrupt it instead.`);
  }

  /** @internal */
  override fire(): void {
    if ((this.flags & STARTED) === 0) {
      const delay = this.startDelay;
      if (delay > 0) {
        this.startDelay = 0;
        this.env.enqueue(this, delay, NORMAL);
        return;
      }
      this.flags |= STARTED;
      this.resume(true, undefined);
      return;
    }
    super.fire();
  }

  /** @internal delivers an interrupt if the process is still alive */
  deliverInterrupt(cause: unknown): void {
    if (this.state !== EventState.Pending) return;
    if ((this.flags & STARTED) === 0) {
      // A delayed start still queued: it is dropped, and the Interrupt thrown into the fresh generator
      // ends it without running any of its body.
      if (this.queued) this.env.unqueue(this);
      this.flags |= STARTED;
    }
    const target = this.target;
    if (target !== null) {
      target.removeWaiter(this);
      this.target = null;
    }
    this.resume(false, new Interrupt(cause));
  }

  /** @internal continues the generator with the outcome of the event it waited for */
  resume(ok: boolean, value: unknown): void {
    const env = this.env;
    const generator = this.generator;
    this.target = null;
    env.activeProcess = this;
    for (;;) {
      let step: IteratorResult<SimEvent<unknown>, T>;
      try {
        step = ok ? generator.next(value) : generator.throw(value);
      } catch (error) {
        env.activeProcess = null;
        this.finish(false, error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (step.done === true) {
        env.activeProcess = null;
        this.finish(true, step.value);
        return;
      }
      const next = step.value;
      // The usual case first: a triggered or pending event of this environment that nobody else waits for.
      if (next instanceof SimEvent && next.env === env && next !== this) {
        const state = next.state;
        if (state === EventState.Triggered || state === EventState.Pending) {
          if (next.waiters === null) next.waiters = this as Process<unknown>;
          else next.addWaiter(this as Process<unknown>);
          this.target = next;
          env.activeProcess = null;
          return;
        }
        if (state === EventState.Processed) {
          ok = (next.flags & FAILED) === 0;
          value = next.result;
          if (!ok) next.flags |= HANDLED;
          continue;
        }
        ok = false;
        value = new Error(`${this.describe()} waited for an event that was cancelled.`);
        continue;
      }
      ok = false;
      value = this.misuse(next);
    }
  }

  /** The error thrown into a process that yielded something it cannot wait for. */
  private misuse(next: unknown): Error {
    if (!(next instanceof SimEvent)) {
      return new TypeError(
        `${this.describe()} yielded ${describeValue(next)}; a process must yield an event, e.g. env.timeout(ms).`,
      );
    }
    return new Error(
      next === this
        ? `${this.describe()} waited for itself and would never resume.`
        : `${this.describe()} waited for an event of another environment.`,
    );
  }

  private finish(ok: boolean, value: unknown): void {
    this.result = value;
    this.flags = (this.flags & ~(STATE_MASK | FAILED)) | (ok ? 0 : FAILED) | EventState.Triggered;
    this.env.enqueue(this, 0, NORMAL);
  }

  private describe(): string {
    return this.name === undefined ? 'a process' : `process '${this.name}'`;
  }
}

/** The agenda entry that delivers an interrupt. */
class Interruption extends Entry {
  constructor(
    private readonly process: Process<unknown>,
    private readonly cause: unknown,
  ) {
    super();
  }
  get kind(): string {
    return 'interrupt';
  }
  override get label(): string | undefined {
    return this.process.label;
  }
  fire(): void {
    this.process.deliverInterrupt(this.cause);
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined (a bare `yield`)';
  if (value === null) return 'null';
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `${typeof value} ${String(value)}`;
}
