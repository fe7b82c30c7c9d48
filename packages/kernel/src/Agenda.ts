/** Priority of entries that must run before ordinary ones at the same instant (process starts, interrupts). */
export const URGENT = 0;
/** Priority of ordinary entries. */
export const NORMAL = 1;

/** What a trace listener sees of an agenda entry. */
export interface AgendaEntry {
  /** Simulated time in milliseconds at which the entry runs. */
  readonly at: number;
  /** Lower runs first among entries at the same time. */
  readonly priority: number;
  /** Insertion number: the final tie-breaker. */
  readonly seq: number;
  /** What kind of entry this is: `'event'`, `'process'`, `'callback'` or `'interrupt'`. */
  readonly kind: string;
  /** The name given to a process or callback, if any. */
  readonly label: string | undefined;
}

/**
 * Something that can sit on the agenda. Subclasses decide what running it means.
 * `index` is the entry's slot in the heap, or -1 while it is not queued; it makes cancel O(log n)
 * without leaving dead entries behind.
 */
export abstract class Entry implements AgendaEntry {
  at = 0;
  priority = NORMAL;
  seq = 0;
  /** @internal heap slot, -1 when not queued */
  index = -1;
  abstract readonly kind: string;
  get label(): string | undefined {
    return undefined;
  }
  /** @internal runs the entry; called by the environment once it is popped. */
  abstract fire(): void;
}

/** Agenda order: earlier time, then lower priority value, then insertion order. */
export function compareEntries(a: AgendaEntry, b: AgendaEntry): number {
  return a.at - b.at || a.priority - b.priority || a.seq - b.seq;
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)));
}

/**
 * A binary min-heap of entries ordered by {@link compareEntries}. Entries track their own slot so
 * that removal is exact; nothing is allocated per push or pop beyond the array's own growth.
 */
export class Agenda {
  private readonly heap: Entry[] = [];

  get size(): number {
    return this.heap.length;
  }

  /** The first entry, or undefined when the agenda is empty. */
  peek(): Entry | undefined {
    return this.heap[0];
  }

  push(entry: Entry): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!before(entry, parent)) break;
      heap[i] = parent;
      parent.index = i;
      i = parentIndex;
    }
    heap[i] = entry;
    entry.index = i;
  }

  /** Removes and returns the first entry. The agenda must not be empty. */
  pop(): Entry {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (last !== top) this.siftDown(last, 0);
    top.index = -1;
    return top;
  }

  /** Removes a queued entry wherever it is. */
  remove(entry: Entry): void {
    const heap = this.heap;
    const i = entry.index;
    if (heap[i] !== entry) throw new Error('This entry is not on this agenda: it belongs to another environment.');
    entry.index = -1;
    const last = heap.pop()!;
    if (last === entry) return;
    // The moved entry may need to go either way from the vacated slot.
    if (i > 0 && before(last, heap[(i - 1) >> 1]!)) {
      let j = i;
      while (j > 0) {
        const parentIndex = (j - 1) >> 1;
        const parent = heap[parentIndex]!;
        if (!before(last, parent)) break;
        heap[j] = parent;
        parent.index = j;
        j = parentIndex;
      }
      heap[j] = last;
      last.index = j;
    } else {
      this.siftDown(last, i);
    }
  }

  private siftDown(entry: Entry, i: number): void {
    const heap = this.heap;
    const n = heap.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let c = heap[child]!;
      const right = child + 1;
      if (right < n) {
        const r = heap[right]!;
        if (before(r, c)) {
          child = right;
          c = r;
        }
      }
      if (!before(c, entry)) break;
      heap[i] = c;
      c.index = i;
      i = child;
    }
    heap[i] = entry;
    entry.index = i;
  }
}
