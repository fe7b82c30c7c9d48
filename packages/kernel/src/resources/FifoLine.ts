import { FifoQueue } from './FifoQueue.js';
import { RequestStatus, type ResourceRequest } from './ResourceRequest.js';
import type { WaitingLine } from './WaitingLine.js';

/**
 * @internal First come, first served. A withdrawn request is left in place and skipped when it reaches
 * the head, which keeps withdrawal O(1) instead of searching the queue for it.
 */
export class FifoLine implements WaitingLine {
  private readonly queue = new FifoQueue<ResourceRequest>();
  private waiting = 0;

  get size(): number {
    return this.waiting;
  }

  add(request: ResourceRequest): void {
    this.queue.push(request);
    this.waiting += 1;
  }

  next(): ResourceRequest | undefined {
    if (this.waiting === 0) return undefined;
    for (;;) {
      // waiting > 0 guarantees a live request further on, so shift() cannot run dry here.
      const request = this.queue.shift()!;
      if (request.status === RequestStatus.Waiting) {
        this.waiting -= 1;
        return request;
      }
    }
  }

  remove(_request: ResourceRequest): void {
    this.waiting -= 1;
    // Once nobody live remains, drop the withdrawn ones so they do not pile up in an idle queue.
    if (this.waiting === 0) while (this.queue.shift() !== undefined);
  }
}
