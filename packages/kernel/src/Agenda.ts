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

/** Lowest and highest agenda priority: integers in this range keep the packed sort key exact. */
export const MIN_PRIORITY = -4096;
export const MAX_PRIORITY = 4096;
/** Priority and insertion number share one key: `(priority − MIN) × 2^40 + seq`, exact below 2^53. */
const SEQ_SPAN = 2 ** 40;

/**
 * Something that can sit on the agenda. Subclasses decide what running it means. The agenda keeps
 * an entry's time, priority and sequence number itself, in typed arrays, so entries stay small and
 * the heap never touches them while sifting.
 */
export abstract class Entry {
  // Fields are declared and assigned in the constructor rather than initialised as class fields:
  // V8 runs class-field initialisers as a separate function with define semantics, which costs a
  // measurable share of the time of a short-lived event.
  /** @internal index of the entry's slot on its agenda while queued, -1 otherwise */
  declare agendaSlot: number;

  constructor() {
    this.agendaSlot = -1;
  }

  /** True while the entry waits on an agenda. */
  get queued(): boolean {
    return this.agendaSlot >= 0;
  }

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

const INITIAL_CAPACITY = 1024;

/**
 * A binary min-heap in {@link compareEntries} order. Each queued entry owns a slot in a table that does
 * not move while it waits; the heap itself is three typed arrays (time, packed priority and sequence,
 * slot number), so sifting compares unboxed numbers and moves no object references. (Moving references
 * would cost a write barrier per level: fresh events live in the young generation, the heap's arrays in
 * the old one.) Cancelling is O(1): the slot is marked dead, and its heap node is dropped when it
 * reaches the top (or when dead nodes outnumber live ones). Nothing is allocated per push or pop
 * beyond the arrays' growth.
 */
export class Agenda {
  /** Entries by slot number; DEAD where a slot is free or its entry was cancelled. */
  private entries: Entry[] = new Array<Entry>(INITIAL_CAPACITY).fill(DEAD);
  /** Free slot numbers, used as a stack. */
  private free = new Int32Array(INITIAL_CAPACITY);
  private freeCount = 0;
  /** Slots handed out at least once; slots at or above it have never been used. */
  private fresh = 0;
  /** Times by heap node; +Infinity past the last node. */
  private times = new Float64Array(INITIAL_CAPACITY).fill(Number.POSITIVE_INFINITY);
  private keys = new Float64Array(INITIAL_CAPACITY);
  private slots = new Int32Array(INITIAL_CAPACITY);
  /** Slot of the entry popped last while it is still held, -1 otherwise. */
  private held = -1;
  /** Nodes in the heap, live or dead; each holds one slot. */
  private count = 0;
  /** Live entries. */
  private live = 0;
  /** Time of the entry popped last. */
  lastAt = 0;
  /** Packed priority and sequence number of the entry popped last. */
  private lastKey = 0;

  /** Number of live entries. */
  get size(): number {
    return this.live;
  }

  /** Priority of the entry popped last. */
  get lastPriority(): number {
    return Math.floor(this.lastKey / SEQ_SPAN) + MIN_PRIORITY;
  }

  /** Sequence number of the entry popped last. */
  get lastSeq(): number {
    return this.lastKey - Math.floor(this.lastKey / SEQ_SPAN) * SEQ_SPAN;
  }

  /** The first live entry, or undefined when the agenda is empty. */
  peek(): Entry | undefined {
    this.dropDead();
    return this.count === 0 ? undefined : this.entries[this.slots[0]!];
  }

  /** Time of the first live entry; the agenda must not be empty. */
  peekTime(): number {
    this.dropDead();
    return this.times[0]!;
  }

  /** Queues an entry that is not queued; its priority must be an integer in MIN_PRIORITY..MAX_PRIORITY. */
  push(entry: Entry, at: number, priority: number, seq: number): void {
    // One node past the last must exist, as the sift's +Infinity right child.
    if (this.count + 1 === this.times.length) this.grow();
    const slot = this.freeCount > 0 ? this.free[--this.freeCount]! : this.fresh++;
    this.entries[slot] = entry;
    entry.agendaSlot = slot;
    this.live += 1;
    const times = this.times;
    const keys = this.keys;
    const slots = this.slots;
    const key = (priority - MIN_PRIORITY) * SEQ_SPAN + seq;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < at || (pt === at && keys[p]! < key)) break;
      times[i] = pt;
      keys[i] = keys[p]!;
      slots[i] = slots[p]!;
      i = p;
    }
    times[i] = at;
    keys[i] = key;
    slots[i] = slot;
  }

  /**
   * Removes and returns the first live entry; its keys are left in lastAt, lastPriority, lastSeq. The
   * entry keeps its slot, as {@link popped}, until the next pop or {@link release}.
   */
  pop(): Entry {
    this.release();
    this.dropDead();
    const slot = this.slots[0]!;
    const entry = this.entries[slot]!;
    this.held = slot;
    entry.agendaSlot = -1;
    this.live -= 1;
    this.lastAt = this.times[0]!;
    this.lastKey = this.keys[0]!;
    this.removeTop();
    return entry;
  }

  /** The entry popped last, until it is released. */
  get popped(): Entry | null {
    return this.held < 0 ? null : this.entries[this.held]!;
  }

  /** Frees the slot of the entry popped last. */
  release(): void {
    const held = this.held;
    if (held < 0) return;
    this.entries[held] = DEAD;
    this.free[this.freeCount++] = held;
    this.held = -1;
  }

  /** True when `entry` is queued on this agenda. */
  holds(entry: Entry): boolean {
    const slot = entry.agendaSlot;
    return slot >= 0 && this.entries[slot] === entry;
  }

  /** Cancels a queued entry in O(1). */
  remove(entry: Entry): void {
    const slot = entry.agendaSlot;
    if (slot < 0) throw new Error('This entry is not queued.');
    if (this.entries[slot] !== entry)
      throw new Error('This entry is not on this agenda: it belongs to another environment.');
    // The slot stays taken by its heap node until that node is dropped.
    this.entries[slot] = DEAD;
    entry.agendaSlot = -1;
    this.live -= 1;
    if (this.count > 64 && this.live * 2 < this.count) this.compact();
  }

  private dropDead(): void {
    const entries = this.entries;
    const slots = this.slots;
    while (this.count > 0 && entries[slots[0]!] === DEAD) {
      this.free[this.freeCount++] = slots[0]!;
      this.removeTop();
    }
  }

  /** Removes heap node 0 and restores the heap. */
  private removeTop(): void {
    const n = --this.count;
    const times = this.times;
    const at = times[n]!;
    const key = this.keys[n]!;
    const slot = this.slots[n]!;
    times[n] = Number.POSITIVE_INFINITY;
    if (n > 0) this.siftDown(0, n, at, key, slot);
  }

  /**
   * Moves the hole at `i` down until `(at, key)` fits there, in a heap of `n` nodes. Every node at or
   * past `n` holds time +Infinity, so a right child always exists and never wins; the left/right choice
   * is then computed rather than branched on (a coin flip for the branch predictor), except on equal
   * times, which are rare.
   */
  private siftDown(i: number, n: number, at: number, key: number, slot: number): void {
    const times = this.times;
    const keys = this.keys;
    const slots = this.slots;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const left = times[c]!;
      const right = times[c + 1]!;
      if (left === right) {
        if (keys[c + 1]! < keys[c]!) c += 1;
      } else {
        c += +(right < left);
      }
      const ct = times[c]!;
      if (ct > at || (ct === at && keys[c]! > key)) break;
      times[i] = ct;
      keys[i] = keys[c]!;
      slots[i] = slots[c]!;
      i = c;
    }
    times[i] = at;
    keys[i] = key;
    slots[i] = slot;
  }

  /** Drops every dead node, frees its slot, and rebuilds the heap (Floyd's method). */
  private compact(): void {
    const entries = this.entries;
    const times = this.times;
    const keys = this.keys;
    const slots = this.slots;
    const count = this.count;
    let n = 0;
    for (let i = 0; i < count; i++) {
      const slot = slots[i]!;
      if (entries[slot] === DEAD) {
        this.free[this.freeCount++] = slot;
        continue;
      }
      times[n] = times[i]!;
      keys[n] = keys[i]!;
      slots[n] = slot;
      n++;
    }
    times.fill(Number.POSITIVE_INFINITY, n, count);
    this.count = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i, n, times[i]!, keys[i]!, slots[i]!);
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size).fill(Number.POSITIVE_INFINITY);
    times.set(this.times);
    this.times = times;
    const keys = new Float64Array(size);
    keys.set(this.keys);
    this.keys = keys;
    const slots = new Int32Array(size);
    slots.set(this.slots);
    this.slots = slots;
    const free = new Int32Array(size);
    free.set(this.free);
    this.free = free;
    const entries = this.entries;
    for (let i = entries.length; i < size; i++) entries.push(DEAD);
  }
}

/** Fills vacated slots so the heap holds no stale reference. */
class DeadEntry extends Entry {
  readonly kind = 'dead';
  fire(): void {
    throw new Error('A dead agenda slot was run.');
  }
}
const DEAD: Entry = new DeadEntry();
