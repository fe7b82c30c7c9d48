import type { ClusterEvent, ClusterEventType } from './ClusterEvent.js';

/** How much of the event log a simulation keeps in memory. */
export type EventLogMode =
  /** Every event, in order (the default). */
  | { readonly keep: 'all' }
  /** Only the most recent `limit` events: memory stays flat on long runs. */
  | { readonly keep: 'last'; readonly limit: number }
  /** Nothing in memory; only counts, and the sink if one is given. */
  | { readonly keep: 'none' };

/**
 * The ordered record of a run's cluster events. Always counts events by type; keeps all, the last N,
 * or none of them; and hands each event to an optional sink (e.g. a writer streaming to a file).
 */
export class EventLog {
  private readonly kept: ClusterEvent[] = [];
  private head = 0;
  private total = 0;
  private readonly counts = new Map<ClusterEventType, number>();
  private readonly listeners: Array<(event: ClusterEvent) => void> = [];

  constructor(private readonly mode: EventLogMode = { keep: 'all' }) {
    if (mode.keep === 'last' && !(Number.isInteger(mode.limit) && mode.limit > 0)) {
      throw new RangeError(`eventLog.limit: expected a positive integer, got ${mode.limit}`);
    }
  }

  /** @internal */
  record(event: ClusterEvent): void {
    this.total += 1;
    this.counts.set(event.type, (this.counts.get(event.type) ?? 0) + 1);
    const mode = this.mode;
    if (mode.keep === 'all') this.kept.push(event);
    else if (mode.keep === 'last') {
      if (this.kept.length < mode.limit) this.kept.push(event);
      else {
        this.kept[this.head] = event;
        this.head = (this.head + 1) % mode.limit;
      }
    }
    for (const listener of this.listeners) listener(event);
  }

  /** Calls `listener` with every later event. Returns a function that stops it. */
  subscribe(listener: (event: ClusterEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The events kept in memory, oldest first. */
  events(): ClusterEvent[] {
    if (this.mode.keep !== 'last' || this.head === 0) return this.kept.slice();
    return this.kept.slice(this.head).concat(this.kept.slice(0, this.head));
  }

  /** Events recorded so far, including those no longer kept. */
  get size(): number {
    return this.total;
  }

  /** Number of events of one type recorded so far. */
  count(type: ClusterEventType): number {
    return this.counts.get(type) ?? 0;
  }
}
