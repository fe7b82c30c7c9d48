import type { Container } from '../../containers/Container.js';
import type { QueueOrder } from '../QueueOrder.js';

interface Entry {
  readonly c: Container;
  readonly priority: number;
  readonly seq: number;
}

/**
 * kube-scheduler's PrioritySort: higher priority first, then earlier arrival in the queue (a sequence
 * number, so the order is total). A binary heap.
 */
export function priorityOrder(): QueueOrder {
  // The priority is copied into the entry so that sifting never reads the containers themselves.
  const heap: Entry[] = [];
  let seq = 0;
  const before = (a: Entry, b: Entry) => a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
  return {
    name: 'priority',
    push: (c) => {
      const item: Entry = { c, priority: c.priority, seq: seq++ };
      let i = heap.length;
      heap.push(item);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!before(item, heap[p]!)) break;
        heap[i] = heap[p]!;
        i = p;
      }
      heap[i] = item;
    },
    pop: () => {
      if (heap.length === 0) return undefined;
      const top = heap[0]!;
      const last = heap.pop()!;
      if (heap.length > 0) {
        let i = 0;
        const n = heap.length;
        for (;;) {
          let child = 2 * i + 1;
          if (child >= n) break;
          if (child + 1 < n && before(heap[child + 1]!, heap[child]!)) child += 1;
          if (!before(heap[child]!, last)) break;
          heap[i] = heap[child]!;
          i = child;
        }
        heap[i] = last;
      }
      return top.c;
    },
    get size() {
      return heap.length;
    },
  };
}
