import type { ClusterEvent, ClusterEventType } from './ClusterEvent.js';

/** How much of the event log a simulation keeps in memory. */
export type EventLogMode =
  /** Every event, in order (the default). */
  | { readonly keep: 'all' }
  /** Only the most recent `limit` events: memory stays flat on long runs. */
  | { readonly keep: 'last'; readonly limit: number }
  /** Nothing in memory; only counts, and the sink if one is given. */
  | { readonly keep: 'none' };

/** Something that hears each event as it is recorded. */
export type EventListener = (event: ClusterEvent) => void;

/**
 * The ordered record of a run's cluster events, and the order in which the simulation's parts hear
 * them. Always counts events by type; keeps all, the last N, or none of them.
 *
 * **Order of reaction** to one event (it decides determinism, like SimPy's event order):
 * 1. the event is appended to the log (and counted);
 * 2. the controllers hear it, in the order they were added (the simulation adds its own first, in a
 *    fixed order, then those the user adds);
 * 3. the observers hear it, in the order they subscribed (an `onEvent` sink first, then metric
 *    collectors, failure models, operations...);
 * 4. the simulation's own bookkeeping (snapshot marks, forgetting finished containers).
 *
 * An event recorded while another is being heard (a controller's reaction, say) is appended at once,
 * so the log's order is the order things happened, and is heard once the current event has been
 * heard by everyone: every listener hears every event in log order, and each event is heard in full
 * before the next.
 */
export class EventLog {
  private readonly kept: ClusterEvent[] = [];
  private head = 0;
  private total = 0;
  private readonly counts = new Map<ClusterEventType, number>();
  /** Controllers in the order they were added, each with the event types it hears (null: every type). */
  private readonly controllers: Hearer[] = [];
  /** Observers in the order they subscribed, likewise. */
  private readonly observers: Hearer[] = [];
  /**
   * Per event type, who hears it, in the order of reaction: the controllers for that type, then the
   * observers for it. Made on first use, dropped when anyone joins or leaves; an event type nobody asked
   * for costs no call.
   */
  private readonly routes = new Map<ClusterEventType, EventListener[]>();
  private readonly finishers: Hearer[] = [];
  /** Events recorded but not yet heard; reused from one dispatch to the next. */
  private readonly pending: ClusterEvent[] = [];
  private dispatching = false;

  constructor(private readonly mode: EventLogMode = { keep: 'all' }) {
    if (mode.keep === 'last' && !(Number.isInteger(mode.limit) && mode.limit > 0)) {
      throw new RangeError(`eventLog.limit: expected a positive integer, got ${mode.limit}`);
    }
  }

  /** @internal appends an event and has it heard, in the order of reaction above */
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
    if (this.dispatching) {
      this.pending.push(event);
      return;
    }
    this.dispatching = true;
    try {
      this.hear(event);
      const pending = this.pending;
      for (let i = 0; i < pending.length; i++) this.hear(pending[i]!);
    } finally {
      if (this.pending.length > 0) this.pending.length = 0;
      this.dispatching = false;
    }
  }

  private hear(event: ClusterEvent): void {
    let route = this.routes.get(event.type);
    if (route === undefined) route = this.route(event.type);
    for (let i = 0; i < route.length; i++) route[i]!(event);
    const finishers = this.finishers;
    for (let i = 0; i < finishers.length; i++) {
      const f = finishers[i]!;
      if (f.types === null || f.types.has(event.type)) f.listener(event);
    }
  }

  private route(type: ClusterEventType): EventListener[] {
    const hears = (h: Hearer) => h.types === null || h.types.has(type);
    const route = [...this.controllers.filter(hears), ...this.observers.filter(hears)].map((h) => h.listener);
    this.routes.set(type, route);
    return route;
  }

  /**
   * Calls `listener` with every later event, as an observer, or only with events of the `types` given.
   * Returns a function that stops it (an event already being heard may still reach it once).
   */
  subscribe(listener: EventListener, types?: readonly ClusterEventType[]): () => void {
    return this.join(this.observers, listener, types);
  }

  private join(list: Hearer[], listener: EventListener, types: readonly ClusterEventType[] | undefined): () => void {
    const hearer: Hearer = { listener, types: types === undefined ? null : new Set<string>(types) };
    list.push(hearer);
    this.routes.clear();
    return () => {
      const i = list.indexOf(hearer);
      if (i >= 0) list.splice(i, 1);
      this.routes.clear();
    };
  }

  /**
   * @internal adds a controller's reaction, heard before every observer, for the event types given
   * (every type when omitted): an event nobody asked for costs no call
   */
  addController(reaction: EventListener, types?: readonly ClusterEventType[]): () => void {
    return this.join(this.controllers, reaction, types);
  }

  /** @internal adds the simulation's own bookkeeping, heard after every observer, for the types given (default every type) */
  addFinisher(finisher: EventListener, types?: readonly ClusterEventType[]): void {
    this.finishers.push({ listener: finisher, types: types === undefined ? null : new Set<string>(types) });
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

/** Someone who hears events: its listener, and the event types it hears (null: every type). */
interface Hearer {
  readonly listener: EventListener;
  readonly types: ReadonlySet<string> | null;
}
