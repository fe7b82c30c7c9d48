import { type ItemBuffer, NO_ITEM } from './ItemBuffer.js';

interface Entry<T> {
  readonly item: T;
  readonly seq: number;
}

/**
 * @internal A PriorityStore's items: a binary min-heap in `compare` order, equal items in the order they
 * were put (SimPy's heapq leaves ties in no particular order; a sequence number makes them FIFO here).
 */
export class ItemHeap<T> implements ItemBuffer<T> {
  private readonly heap: Entry<T>[] = [];
  private nextSeq = 0;

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.heap.length;
  }

  add(item: T): void {
    const heap = this.heap;
    const entry = { item, seq: this.nextSeq++ };
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  take(): T | typeof NO_ITEM {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return NO_ITEM;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && this.before(heap[child + 1]!, heap[child]!)) child += 1;
        if (!this.before(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top.item;
  }

  toArray(): T[] {
    return [...this.heap].sort((a, b) => this.order(a, b)).map((e) => e.item);
  }

  private order(a: Entry<T>, b: Entry<T>): number {
    return this.compare(a.item, b.item) || a.seq - b.seq;
  }

  private before(a: Entry<T>, b: Entry<T>): boolean {
    return this.order(a, b) < 0;
  }
}
