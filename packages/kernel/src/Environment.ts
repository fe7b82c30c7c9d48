import { Agenda, type AgendaEntry, type Entry, MAX_PRIORITY, MIN_PRIORITY, NORMAL } from './Agenda.js';
import { Callback } from './Callback.js';
import { allOf, anyOf, type FirstOf } from './conditions.js';
import { argumentError, ConfigError, SimulationError } from './errors.js';
import { Process, type ProcessGenerator, type ProcessOptions } from './Process.js';
import type { ProcessEnvironment } from './ProcessEnvironment.js';
import { EventState, SimEvent } from './SimEvent.js';
import { Timer } from './Timer.js';

/** Observes every executed agenda entry, just before it runs. */
export type TraceListener = (entry: AgendaEntry) => void;

/** Options of {@link Environment.run}. */
export interface RunOptions {
  /**
   * Where to stop: a time in milliseconds (every entry strictly before it runs, then the clock is set
   * to it) or an event (run until it has been processed, and return its value).
   */
  readonly until?: number | SimEvent<unknown> | undefined;
}

/** Options of a new environment. */
export interface EnvironmentOptions {
  /** Simulated time at the start, in milliseconds (default 0). */
  readonly initialTime?: number | undefined;
}

/**
 * Virtual time and the agenda of what happens next: SimPy's Environment. Time is a number of
 * milliseconds; entries run in the order (time, priority, insertion), so a run is fully determined by
 * what was scheduled.
 */
export class Environment implements ProcessEnvironment {
  // Declared, not defined: a class field would start as undefined, and a field that has held undefined
  // stores every later fractional time as a new heap number (one allocation per event); assigned first
  // in the constructor, it keeps numbers unboxed in place.
  // Starts as a number, not as an undeclared field (undefined until the constructor assigns it): a field
  // that has held undefined stores every fractional time as a new heap number, one allocation per event.
  private clock = 0;
  private readonly agenda = new Agenda();
  private nextSeq = 0;
  private listeners: TraceListener[] | null = null;
  /** True while `loop` runs an entry. */
  private running = false;
  /** The event `run({ until })` waits for: its failure is rethrown by run() rather than reported unhandled. */
  private awaited: SimEvent<unknown> | null = null;
  /** The process whose generator is running right now, if any. */
  activeProcess: Process<unknown> | null = null;

  constructor(options?: EnvironmentOptions) {
    const initial = options?.initialTime ?? 0;
    if (!Number.isFinite(initial)) throw argumentError('initialTime', `expected a finite number, got ${initial}`);
    this.clock = initial;
  }

  /** The current simulated time in milliseconds. */
  get now(): number {
    return this.clock;
  }

  /** Number of entries on the agenda. */
  get pending(): number {
    return this.agenda.size;
  }

  /** Time of the next entry, or `Infinity` when nothing is scheduled. */
  peek(): number {
    return this.agenda.size === 0 ? Number.POSITIVE_INFINITY : this.agenda.peekTime();
  }

  /** A new pending event, to be triggered later with `succeed` or `fail`. */
  event<T = unknown>(): SimEvent<T> {
    return new SimEvent<T>(this);
  }

  /** An event that succeeds with `value` after `delay` milliseconds. */
  timeout<T = undefined>(delay: number, value?: T): SimEvent<T> {
    if (!(delay >= 0 && delay < Number.POSITIVE_INFINITY)) {
      throw argumentError('delay', `expected a finite number of milliseconds >= 0, got ${delay}`);
    }
    const event = new SimEvent<T>(this);
    event.result = value;
    event.flags = EventState.Triggered;
    this.agenda.push(event, this.clock + delay, NORMAL, this.nextSeq++);
    return event;
  }

  /** Starts a process running `generator` at the current time, or `options.delay` ms later. */
  process<T>(generator: ProcessGenerator<T>, options?: ProcessOptions): Process<T> {
    return new Process<T>(this, generator, options);
  }

  /** An event that succeeds once all `events` have succeeded, with their values in order. */
  allOf(events: ReadonlyArray<SimEvent<unknown>>): SimEvent<unknown[]> {
    return allOf(this, events);
  }

  /** An event that succeeds once any of `events` has succeeded, with its position and value. */
  anyOf(events: ReadonlyArray<SimEvent<unknown>>): SimEvent<FirstOf> {
    return anyOf(this, events);
  }

  /**
   * Runs `fn(data)` after `delay` milliseconds: the raw callback API, for hot paths. Lower `priority`
   * values run first among entries at the same time: an integer from -4096 to 4096, default 1 (the
   * priority of ordinary events; process starts and interrupts have 0).
   */
  schedule<D = undefined>(
    delay: number,
    fn: (data: D) => void,
    data?: D,
    options?: { readonly priority?: number; readonly name?: string },
  ): Callback {
    const callback = new Callback(fn as (data: unknown) => void, data, options?.name);
    this.reschedule(callback, delay, options?.priority);
    return callback;
  }

  /** Queues an existing callback handle again, once it has run or been cancelled. */
  reschedule(callback: Callback, delay: number, priority: number = NORMAL): void {
    // The errors are built elsewhere: this runs on every event of a callback model, and a short body
    // is inlined into its callers, where the delay stays an unboxed number.
    if (callback.queued) throw alreadyScheduled();
    if (!(Number.isInteger(priority) && priority >= MIN_PRIORITY && priority <= MAX_PRIORITY))
      throw badPriority(priority);
    if (!(delay >= 0) || delay === Number.POSITIVE_INFINITY) throw badDelay(delay);
    this.enqueue(callback, delay, priority);
  }

  /**
   * A timer that runs `fn(data)` when due, cheap to push back again and again (see {@link Timer}): for
   * keep-alives and idle timeouts that every request restarts. Created unset; `timer.set(delay)` sets it.
   * `priority` as for {@link schedule}.
   */
  timer<D = undefined>(
    fn: (data: D) => void,
    data?: D,
    options?: { readonly priority?: number; readonly name?: string },
  ): Timer {
    const priority = options?.priority ?? NORMAL;
    if (!(Number.isInteger(priority) && priority >= MIN_PRIORITY && priority <= MAX_PRIORITY)) {
      throw argumentError('priority', `expected an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}, got ${priority}`);
    }
    return new Timer(this, fn as (data: unknown) => void, data, options?.name, priority);
  }

  /**
   * Removes a scheduled callback or a triggered, not yet processed event from the agenda. A cancelled
   * event is never processed, so whoever waits for it is not resumed; cancelling a failed event
   * discards its error on purpose, as `defuse()` does. Returns false when there was nothing to cancel.
   */
  cancel(entry: Callback | SimEvent<unknown>): boolean {
    if (!entry.queued) return false;
    if (!this.agenda.holds(entry)) throw new Error('This entry belongs to another environment.');
    if (entry instanceof Process) throw new Error('A process cannot be cancelled; interrupt it instead.');
    this.agenda.remove(entry);
    if (entry instanceof SimEvent) entry.state = EventState.Cancelled;
    return true;
  }

  /** Observes every agenda entry as it runs. Returns a function that stops observing. */
  onTrace(listener: TraceListener): () => void {
    this.listeners = this.listeners === null ? [listener] : [...this.listeners, listener];
    return () => {
      const list = this.listeners;
      if (list === null) return;
      // Copy on write: a run in progress keeps iterating the array it started with.
      const rest = list.filter((l) => l !== listener);
      this.listeners = rest.length === 0 ? null : rest;
    };
  }

  /** Runs the next entry. Returns false when the agenda was empty. */
  step(): boolean {
    if (this.agenda.size === 0) return false;
    this.loop(Number.POSITIVE_INFINITY, null, true);
    return true;
  }

  /**
   * Runs entries in agenda order: all of them, those before a time, or until an event is processed
   * (returning its value, or throwing its error). Errors thrown by processes or callbacks that nobody
   * handles stop the run as a {@link SimulationError}.
   */
  run(options?: RunOptions): unknown {
    const until = options?.until;
    if (until === undefined) {
      this.loop(Number.POSITIVE_INFINITY, null, false);
      return undefined;
    }
    if (typeof until === 'number') {
      if (Number.isNaN(until) || until < this.clock) {
        throw argumentError('until', `expected a time >= now (${this.clock} ms), got ${until}`);
      }
      this.loop(until, null, false);
      if (until !== Number.POSITIVE_INFINITY) this.clock = until;
      return undefined;
    }
    if (!(until instanceof SimEvent) || until.env !== this) {
      throw argumentError('until', 'expected a time in milliseconds or an event of this environment');
    }
    // Waiting here counts as handling a failure, for this run only: run() rethrows it below instead of
    // reporting it unhandled. (A flag on the event would outlive a run that stopped early.)
    this.awaited = until;
    try {
      this.loop(Number.POSITIVE_INFINITY, until, false);
    } finally {
      this.awaited = null;
    }
    if (until.state !== EventState.Processed) {
      throw new SimulationError(
        'run({ until: event }) ran out of scheduled entries before the event was processed',
        this.clock,
        this.nextSeq,
      );
    }
    if (!until.isOk) {
      until.defuse();
      throw until.result;
    }
    return until.result;
  }

  /** @internal puts an entry on the agenda `delay` ms from now */
  enqueue(entry: Entry, delay: number, priority: number): void {
    this.agenda.push(entry, this.clock + delay, priority, this.nextSeq++);
  }

  /** @internal the time `delay` ms from now, checked as `reschedule` checks it */
  checkedTime(delay: number): number {
    if (!(delay >= 0) || delay === Number.POSITIVE_INFINITY) throw badDelay(delay);
    return this.clock + delay;
  }

  /** @internal takes the next insertion number, as putting an entry on the agenda now would */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /** @internal puts an entry on the agenda at time `at` (>= now) with an insertion number taken earlier */
  enqueueAt(entry: Entry, at: number, priority: number, seq: number): void {
    this.agenda.push(entry, at, priority, seq);
  }

  /** @internal takes a queued entry off the agenda (a delayed process start that an interrupt cancels) */
  unqueue(entry: Entry): void {
    this.agenda.remove(entry);
  }

  /** @internal called when a failed event is processed and nobody handled its error */
  unhandledFailure(event: Entry, error: Error): void {
    if (event === this.awaited) return;
    const what = event instanceof Process ? `${event.label ?? 'a process'} failed` : 'an event failed';
    throw new SimulationError(
      `Unhandled error: ${what} and nothing waited for it: ${error.message}`,
      this.clock,
      this.agenda.lastSeq,
      {
        cause: error,
      },
    );
  }

  /**
   * Runs entries while there are any, the next one is due before `limit`, and `until` (if any) has not
   * been processed; only one when `once`. One try block covers the whole run rather than each entry.
   * The entry being run is not stored on the environment (a young object stored into an old one costs a
   * write barrier per event): the agenda keeps it in its slot until the next pop.
   */
  private loop(limit: number, until: SimEvent<unknown> | null, once: boolean): void {
    if (this.running) {
      throw new Error(
        'The environment is already running an entry: do not call run() or step() from inside a process or callback.',
      );
    }
    const agenda = this.agenda;
    let firing: Entry | null = null;
    this.running = true;
    try {
      while (agenda.size > 0) {
        if (limit !== Number.POSITIVE_INFINITY && agenda.peekTime() >= limit) break;
        if (until !== null && until.state === EventState.Processed) break;
        const entry = agenda.pop();
        this.clock = agenda.lastAt;
        if (this.listeners !== null) {
          firing = null;
          this.notify(entry);
        }
        firing = entry;
        entry.fire();
        if (once) break;
      }
    } catch (error) {
      this.running = false;
      agenda.release();
      this.activeProcess = null;
      // An error from a trace listener is the listener's own, not the entry's.
      if (firing === null || error instanceof SimulationError || error instanceof ConfigError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new SimulationError(
        `Uncaught error in a ${firing.kind}${firing.label ? ` '${firing.label}'` : ''}: ${message}`,
        agenda.lastAt,
        agenda.lastSeq,
        {
          cause: error,
        },
      );
    }
    this.running = false;
    agenda.release();
  }

  /** Shows an entry to the trace listeners; no entry counts as running while they look. */
  private notify(entry: Entry): void {
    const listeners = this.listeners!;
    this.running = false;
    const record = this.traceRecord(entry);
    for (const listener of listeners) listener(record);
    this.running = true;
  }

  /** The entry being run right now, if any (for error messages and diagnostics). */
  get currentEntry(): AgendaEntry | null {
    const entry = this.running ? this.agenda.popped : null;
    return entry === null ? null : this.traceRecord(entry);
  }

  private traceRecord(entry: Entry): AgendaEntry {
    const agenda = this.agenda;
    return {
      at: agenda.lastAt,
      priority: agenda.lastPriority,
      seq: agenda.lastSeq,
      kind: entry.kind,
      label: entry.label,
    };
  }
}

function alreadyScheduled(): Error {
  return new Error('This callback is already scheduled; cancel it before rescheduling.');
}

function badPriority(priority: number): Error {
  return argumentError('priority', `expected an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}, got ${priority}`);
}

function badDelay(delay: number): Error {
  return argumentError('delay', `expected a finite number of milliseconds >= 0, got ${delay}`);
}
