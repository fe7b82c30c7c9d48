import { SimulationError } from '@berth/kernel';
import type { ClusterRuntime } from '../simulation/ClusterRuntime.js';
import type { StreamItem } from './StreamItem.js';
import type { SourceReport, WorkloadSource } from './WorkloadSource.js';

/** What one stream did: items applied, by kind, and what its source read. */
export interface StreamReport {
  readonly name: string;
  /** Items applied so far. */
  readonly items: number;
  readonly submitted: number;
  /** `end` items that stopped a container (or withdrew a pending one). */
  readonly ended: number;
  /** `end` items whose container had already finished in the simulation (Berth ended it first). */
  readonly endedAlready: number;
  readonly hostsAdded: number;
  readonly hostsRemoved: number;
  readonly hostsRestored: number;
  /** `invoke` items applied (function invocations). */
  readonly invoked: number;
  /** `resize-host` items applied (capacity updates). */
  readonly hostsResized: number;
  /** Items that came earlier than the simulated time they were read at, applied at once. */
  readonly late: number;
  /** True once the source has no more items. */
  readonly done: boolean;
  /** Rows read and rejected, when the source reads a trace. */
  readonly source: SourceReport | undefined;
}

/** Items an async source is read ahead by, at least: a window whose size does not grow with the stream. */
const READ_AHEAD = 512;

/**
 * Feeds one workload source into a simulation, one item at a time: each item, when it runs, puts the
 * next on the agenda. So the order of everything that happens depends only on the items, never on how
 * they were read (in one piece or in chunks, from one file or two), and memory holds one scheduled
 * item plus, for an async source, a read-ahead window of {@link READ_AHEAD} items.
 *
 * An async source is read by {@link fill} between runs of the agenda, and the simulation never runs
 * an entry at or after {@link horizon}: the time of the last item read, whose successor is not known.
 */
export class StreamFeed {
  private readonly sync: Iterator<StreamItem> | null;
  private readonly async: AsyncIterator<StreamItem> | null;
  private buffer: StreamItem[] = [];
  private head = 0;
  private next: StreamItem | null = null;
  private exhausted = false;
  private started = false;
  private counts = {
    items: 0,
    submitted: 0,
    ended: 0,
    endedAlready: 0,
    hostsAdded: 0,
    hostsRemoved: 0,
    hostsRestored: 0,
    hostsResized: 0,
    invoked: 0,
    late: 0,
  };

  constructor(
    private readonly rt: ClusterRuntime,
    private readonly source: WorkloadSource,
    items: Iterable<StreamItem> | AsyncIterable<StreamItem>,
  ) {
    if (Symbol.asyncIterator in items) {
      this.sync = null;
      this.async = items[Symbol.asyncIterator]();
    } else {
      this.sync = items[Symbol.iterator]();
      this.async = null;
    }
  }

  /** True when the source must be read with `await` (a file): the simulation then runs with runAsync. */
  get isAsync(): boolean {
    return this.async !== null;
  }

  /** True when every item has been applied (or there was none). */
  get done(): boolean {
    return this.exhausted && this.next === null;
  }

  report(): StreamReport {
    return { name: this.source.name, ...this.counts, done: this.done, source: this.source.report?.() };
  }

  /** Puts the first item on the agenda (a plain source now; an async one once {@link fill} has read it). */
  start(): void {
    if (this.sync !== null) this.advance();
  }

  /**
   * Reads an async source ahead until it holds {@link READ_AHEAD} unread items, the last of them later
   * than `nextAt` (the agenda's next entry), or the source ends. Starts the chain on the first call.
   */
  async fill(nextAt: number): Promise<void> {
    if (this.async === null || this.exhausted) return;
    if (this.head > 0) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
    while (!this.exhausted) {
      const n = this.buffer.length;
      // The item in the chain (or, before it starts, the first read) is no later than any unread one.
      const bound = n > 0 ? Math.min(nextAt, this.buffer[0]!.at) : nextAt;
      if (n >= READ_AHEAD && this.buffer[n - 1]!.at > bound) break;
      const result = await this.async.next();
      if (result.done === true) this.exhausted = true;
      else this.buffer.push(result.value);
    }
    if (!this.started) {
      this.started = true;
      this.advance();
    }
  }

  /** The agenda may run entries before this time only: the last item read, whose successor is unknown. */
  horizon(): number {
    if (this.async === null || this.exhausted) return Number.POSITIVE_INFINITY;
    if (!this.started) return this.rt.now;
    const last = this.buffer[this.buffer.length - 1];
    return last === undefined ? this.rt.now : Math.max(last.at, this.rt.now);
  }

  /** Takes the next item and puts it on the agenda; at the end of a plain source, or of what an async one has read, stops. */
  private advance(): void {
    const item = this.take();
    this.next = item;
    if (item === null) return;
    let delay = item.at - this.rt.now;
    if (!(delay >= 0)) {
      this.counts.late++;
      delay = 0;
    }
    this.rt.env.schedule(delay, this.fire);
  }

  private take(): StreamItem | null {
    if (this.sync !== null) {
      const result = this.sync.next();
      if (result.done === true) {
        this.exhausted = true;
        return null;
      }
      return result.value;
    }
    if (this.head < this.buffer.length) return this.buffer[this.head++]!;
    if (this.exhausted) return null;
    // The driver never runs past the last item read, so an item without a known successor cannot run.
    throw new SimulationError(
      `stream '${this.source.name}' ran past what was read of it: run a simulation with async streams through runAsync`,
      this.rt.now,
      0,
    );
  }

  private readonly fire = (): void => {
    const item = this.next!;
    this.apply(item);
    this.source.applied?.(item);
    this.advance();
  };

  private apply(item: StreamItem): void {
    const rt = this.rt;
    this.counts.items++;
    switch (item.type) {
      case 'submit':
        rt.submit(item.spec);
        this.counts.submitted++;
        return;
      case 'end': {
        const c = rt.container(item.container);
        if (c === undefined || c.finishedAt >= 0) {
          this.counts.endedAlready++;
          return;
        }
        rt.stop(c, item.reason);
        this.counts.ended++;
        return;
      }
      case 'add-host':
        rt.addHost(item.host);
        this.counts.hostsAdded++;
        return;
      case 'remove-host':
        rt.crashHost(item.host);
        this.counts.hostsRemoved++;
        return;
      case 'restore-host':
        rt.recoverHost(item.host);
        this.counts.hostsRestored++;
        return;
      case 'invoke':
        rt.invokeFunction(item.function);
        this.counts.invoked++;
        return;
      case 'resize-host':
        rt.resizeHost(item.host, item.capacity);
        this.counts.hostsResized++;
        return;
      case 'traced':
        return;
    }
  }
}
