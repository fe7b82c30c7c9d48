/**
 * Earliest-deadline-first schedule over entries 0..n−1, Envoy's `EdfScheduler` (source/common/upstream/
 * edf_scheduler.h), which its weighted round robin and weighted least request use: an entry of weight
 * w is due 1/w after the time it was last added; picking takes the earliest due (the earliest added
 * on a tie), moves the schedule's clock to its deadline and adds it back with its weight then. Over
 * time each entry is picked in proportion to its weight, interleaved rather than in bursts.
 *
 * A binary heap of entry indices: O(log n) per pick, no allocation after `reset` has sized the arrays.
 */
export class EdfSchedule {
  private deadline = new Float64Array(0);
  /** When each entry was last added, to break ties between equal deadlines in order of addition. */
  private order = new Float64Array(0);
  private heap = new Int32Array(0);
  private added = 0;
  private n = 0;

  /** Entries in the schedule. */
  get size(): number {
    return this.n;
  }

  /** Starts over with `weights.length` entries, entry i of weight `weights[i]` (> 0), all added at time 0. */
  reset(weights: ArrayLike<number>): void {
    const n = weights.length;
    if (this.heap.length < n) {
      this.deadline = new Float64Array(n);
      this.order = new Float64Array(n);
      this.heap = new Int32Array(n);
    }
    this.n = n;
    this.added = 0;
    for (let i = 0; i < n; i++) {
      this.deadline[i] = 1 / weights[i]!;
      this.order[i] = this.added++;
      this.heap[i] = i;
    }
    for (let k = (n >> 1) - 1; k >= 0; k--) this.siftDown(k);
  }

  /** The entry due first (the schedule is not empty). */
  peek(): number {
    return this.heap[0]!;
  }

  /** Picks the entry due first and adds it back with `weight` (> 0): due 1/weight after its deadline. */
  pickAndAdd(weight: number): number {
    const i = this.heap[0]!;
    this.deadline[i] = this.deadline[i]! + 1 / weight;
    this.order[i] = this.added++;
    this.siftDown(0);
    return i;
  }

  private before(a: number, b: number): boolean {
    const da = this.deadline[a]!;
    const db = this.deadline[b]!;
    return da < db || (da === db && this.order[a]! < this.order[b]!);
  }

  private siftDown(from: number): void {
    const heap = this.heap;
    const n = this.n;
    let k = from;
    const entry = heap[k]!;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(heap[child + 1]!, heap[child]!)) child += 1;
      if (!this.before(heap[child]!, entry)) break;
      heap[k] = heap[child]!;
      k = child;
    }
    heap[k] = entry;
  }
}
