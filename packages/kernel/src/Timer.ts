import type { Entry } from './Agenda.js';

/** @internal What a timer needs of its environment (the Environment, through a narrow view). */
export interface TimerEnvironment {
  checkedTime(delay: number): number;
  takeSeq(): number;
  enqueueAt(entry: Entry, at: number, priority: number, seq: number): void;
  unqueue(entry: Entry): void;
}

/**
 * A timer that is cheap to push back: a keep-alive restarted by every request, an idle timeout, a
 * lease. `set(delay)` makes the timer due `delay` ms from now, ordered among entries due at the same
 * instant exactly as a cancel-and-reschedule made now would be, and replaces any earlier setting.
 *
 * How. Pushing a timer back usually means taking its entry off the agenda and putting a new one on (a
 * dead heap node to drop later and a push, every time). Here, when the timer is already queued at or
 * before the new due time, `set` only records the new time and the insertion number it would have
 * had; when the old entry comes up, the timer puts itself back on the agenda with those keys instead
 * of running. An entry that stays queued and is pushed back a thousand times costs one agenda entry
 * per time it comes up, not one per push. The order of everything else is the same as with
 * `cancel` + `schedule`: `set` takes an insertion number each time, as a schedule would. A trace
 * listener sees the timer's early entries come up (kind `'timer'`); nothing else does.
 *
 * A set timer runs `fn(data)` once, when due; it can be set again from then on, or from inside `fn`.
 * `cancel()` takes it off the agenda at once.
 */
export class Timer implements Entry {
  /** @internal index of the timer's slot on its agenda while queued, -1 otherwise */
  declare agendaSlot: number;
  declare private readonly env: TimerEnvironment;
  declare private readonly fn: (data: unknown) => void;
  declare private readonly data: unknown;
  declare private readonly name: string | undefined;
  declare private readonly priority: number;
  /** Time and insertion number of the latest `set`; dueAt is +Infinity when not set. */
  declare private dueAt: number;
  declare private dueSeq: number;
  /** Insertion number of the agenda entry queued now (its time is the agenda's). */
  declare private queuedSeq: number;
  declare private queuedAt: number;

  /** @internal created by `env.timer` */
  constructor(
    env: TimerEnvironment,
    fn: (data: unknown) => void,
    data: unknown,
    name: string | undefined,
    priority: number,
  ) {
    this.agendaSlot = -1;
    this.env = env;
    this.fn = fn;
    this.data = data;
    this.name = name;
    this.priority = priority;
    this.dueAt = Number.POSITIVE_INFINITY;
    this.dueSeq = -1;
    this.queuedSeq = -1;
    this.queuedAt = Number.POSITIVE_INFINITY;
  }

  get kind(): string {
    return 'timer';
  }

  get label(): string | undefined {
    return this.name;
  }

  /** True while the timer is set and has not run. */
  get queued(): boolean {
    return this.dueAt !== Number.POSITIVE_INFINITY;
  }

  /** When the timer runs (ms), or +Infinity when it is not set. */
  get due(): number {
    return this.dueAt;
  }

  /** Makes the timer due `delay` ms from now (a finite number >= 0), replacing any earlier setting. */
  set(delay: number): void {
    const env = this.env;
    const at = env.checkedTime(delay);
    const seq = env.takeSeq();
    this.dueAt = at;
    this.dueSeq = seq;
    if (this.agendaSlot >= 0) {
      // Already queued no later than the new time: it moves there when it comes up.
      if (this.queuedAt <= at) return;
      env.unqueue(this);
    }
    this.queuedAt = at;
    this.queuedSeq = seq;
    env.enqueueAt(this, at, this.priority, seq);
  }

  /** Unsets the timer, taking its entry off the agenda. Returns false when it was not set. */
  cancel(): boolean {
    if (this.dueAt === Number.POSITIVE_INFINITY) return false;
    this.dueAt = Number.POSITIVE_INFINITY;
    if (this.agendaSlot >= 0) this.env.unqueue(this);
    return true;
  }

  /** @internal */
  fire(): void {
    if (this.dueSeq !== this.queuedSeq) {
      // Pushed back since it was queued: take the place the latest `set` gave it.
      this.queuedAt = this.dueAt;
      this.queuedSeq = this.dueSeq;
      this.env.enqueueAt(this, this.dueAt, this.priority, this.dueSeq);
      return;
    }
    this.dueAt = Number.POSITIVE_INFINITY;
    this.fn(this.data);
  }
}
