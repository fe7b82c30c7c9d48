import type { Entry } from './Agenda.js';

/**
 * The part of an `Environment` that an event needs to schedule itself: put itself on the agenda
 * when it is triggered, and report a failure that nobody handled when it is processed. Environment
 * implements it; events and conditions depend on this interface rather than on the class, which creates
 * them.
 */
export interface EventEnvironment {
  /** @internal puts an entry on the agenda `delay` ms from now */
  enqueue(entry: Entry, delay: number, priority: number): void;
  /** @internal called when a failed event is processed and nobody handled its error */
  unhandledFailure(event: Entry, error: Error): void;
}
