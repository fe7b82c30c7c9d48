import { FifoQueue } from './FifoQueue.js';
import { type ItemBuffer, NO_ITEM } from './ItemBuffer.js';

/** @internal a plain Store's items: first in, first out */
export class FifoItems<T> implements ItemBuffer<T> {
  private readonly queue = new FifoQueue<T>();

  get size(): number {
    return this.queue.length;
  }

  add(item: T): void {
    this.queue.push(item);
  }

  take(): T | typeof NO_ITEM {
    return this.queue.length === 0 ? NO_ITEM : (this.queue.shift() as T);
  }

  toArray(): T[] {
    return this.queue.toArray();
  }
}
