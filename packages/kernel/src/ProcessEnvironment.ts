import type { Entry } from './Agenda.js';
import type { EventEnvironment } from './EventEnvironment.js';
import type { SimEvent } from './SimEvent.js';

/**
 * The part of an `Environment` that a process needs to run, beyond what every event needs: take a
 * delayed start off the agenda again, and mark itself as the process running right now. Environment
 * implements it; a process depends on this interface rather than on the class, which creates it.
 */
export interface ProcessEnvironment extends EventEnvironment {
  /**
   * The process whose generator is running right now, if any. Typed as the event a process is: naming
   * Process here would tie this interface and the process back together.
   */
  activeProcess: SimEvent<unknown> | null;
  /** @internal takes a queued entry off the agenda (a delayed process start that an interrupt cancels) */
  unqueue(entry: Entry): void;
}
