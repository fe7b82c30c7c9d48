import type { Process } from '../Process.js';
import type { Resource } from './Resource.js';

/**
 * The cause of the Interrupt a PreemptiveResource throws into a process whose slot it
 * takes back: SimPy's Preempted. Catch the Interrupt and look at `error.cause`.
 */
export class Preempted {
  /** The process whose request took the slot, or null when that request was made outside any process. */
  readonly by: Process<unknown> | null;
  /** When the preempted request was granted its slot (ms). */
  readonly usageSince: number;
  /** The resource whose slot was lost (a PreemptiveResource). */
  readonly resource: Resource;

  /** @internal made by the resource */
  constructor(by: Process<unknown> | null, usageSince: number, resource: Resource) {
    this.by = by;
    this.usageSince = usageSince;
    this.resource = resource;
  }

  /** For the Interrupt's message: who preempted, on what, and since when the slot was held. */
  toString(): string {
    const by = this.by === null ? 'a request made outside any process' : describeProcess(this.by);
    const on = this.resource.name === undefined ? '' : ` on '${this.resource.name}'`;
    return `preempted by ${by}${on} (held since t=${this.usageSince} ms)`;
  }
}

function describeProcess(process: Process<unknown>): string {
  return process.label === undefined ? 'a process' : `process '${process.label}'`;
}
