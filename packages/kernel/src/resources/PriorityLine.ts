import type { ResourceRequest } from './ResourceRequest.js';
import type { WaitingLine } from './WaitingLine.js';

/** True when `a` is to be granted before `b`; it must end in a unique tie-breaker (the request order). */
export type GrantOrder = (a: ResourceRequest, b: ResourceRequest) => boolean;

/**
 * @internal A binary min-heap of requests in a given grant order: O(log n) to add, take the next and
 * withdraw. Each request records its own slot, so withdrawal needs no search.
 */
export class PriorityLine implements WaitingLine {
  private readonly heap: ResourceRequest[] = [];
  private readonly before: GrantOrder;

  constructor(before: GrantOrder) {
    this.before = before;
  }

  get size(): number {
    return this.heap.length;
  }

  add(request: ResourceRequest): void {
    this.heap.push(request);
    this.siftUp(request, this.heap.length - 1);
  }

  /** The request to grant next, left in line. */
  peek(): ResourceRequest | undefined {
    return this.heap[0];
  }

  next(): ResourceRequest | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (last !== top) this.siftDown(last, 0);
    top.slot = -1;
    return top;
  }

  remove(request: ResourceRequest): void {
    const heap = this.heap;
    const i = request.slot;
    if (i < 0 || heap[i] !== request) return;
    request.slot = -1;
    const last = heap.pop()!;
    if (last === request) return;
    // The moved request may belong above or below the vacated slot.
    if (i > 0 && this.before(last, heap[(i - 1) >> 1]!)) this.siftUp(last, i);
    else this.siftDown(last, i);
  }

  private siftUp(request: ResourceRequest, i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!this.before(request, parent)) break;
      heap[i] = parent;
      parent.slot = i;
      i = parentIndex;
    }
    heap[i] = request;
    request.slot = i;
  }

  private siftDown(request: ResourceRequest, i: number): void {
    const heap = this.heap;
    const n = heap.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let c = heap[child]!;
      const right = child + 1;
      if (right < n) {
        const r = heap[right]!;
        if (this.before(r, c)) {
          child = right;
          c = r;
        }
      }
      if (!this.before(c, request)) break;
      heap[i] = c;
      c.slot = i;
      i = child;
    }
    heap[i] = request;
    request.slot = i;
  }
}
