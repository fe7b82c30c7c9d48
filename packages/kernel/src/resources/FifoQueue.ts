/** Below this many consumed slots the queue never compacts: copying tiny arrays is not worth it. */
const COMPACT_MIN = 64;

/**
 * @internal A first-in first-out queue with O(1) amortised push and shift. `Array.prototype.shift`
 * moves every remaining element, which makes a long queue quadratic; this one advances a head index
 * and compacts the array only once the consumed prefix is at least half of it.
 */
export class FifoQueue<T> {
  private slots: Array<T | undefined> = [];
  private head = 0;

  /** Number of items in the queue. */
  get length(): number {
    return this.slots.length - this.head;
  }

  push(item: T): void {
    this.slots.push(item);
  }

  /** The item `i` places from the front, or undefined past the end. */
  at(i: number): T | undefined {
    return this.slots[this.head + i];
  }

  /** The first item, or undefined when the queue is empty. */
  peek(): T | undefined {
    return this.head < this.slots.length ? this.slots[this.head] : undefined;
  }

  /** Removes and returns the first item, or undefined when the queue is empty. */
  shift(): T | undefined {
    const slots = this.slots;
    const head = this.head;
    if (head >= slots.length) return undefined;
    const item = slots[head];
    // Drop the reference so that a consumed item can be collected before the next compaction.
    slots[head] = undefined;
    this.head = head + 1;
    if (this.head === slots.length) {
      slots.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_MIN && this.head * 2 >= slots.length) {
      slots.copyWithin(0, this.head);
      slots.length -= this.head;
      this.head = 0;
    }
    return item;
  }

  /** The items in queue order, as a new array. */
  toArray(): T[] {
    return this.slots.slice(this.head) as T[];
  }
}
