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
  /** @internal true while queued */
  queued = false;
  /** @internal bumped by cancel: a heap slot holding an older generation is dead */
  generation = 0;
  /** @internal the agenda the entry was last queued on */
  owner: Agenda | null = null;
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

/**
 * A binary min-heap of entries in {@link compareEntries} order. The sort keys live in typed arrays
 * beside the heap, so comparisons read unboxed numbers and sifting moves no entry fields. Cancelling
 * is O(1): it bumps the entry's generation, and the dead slot is dropped when it reaches the top (or
 * when dead slots outnumber live ones). Nothing is allocated per push or pop beyond the arrays' growth.
 */
export class Agenda {
  private items: Entry[] = [];
  private times = new Float64Array(1024);
  private keys = new Float64Array(1024);
  private generations = new Int32Array(1024);
  /** Slots in the heap, live or dead. */
  private count = 0;
  /** Live entries. */
  private live = 0;
  /** Keys of the entry popped last. */
  lastAt = 0;
  lastPriority = 0;
  lastSeq = 0;

  /** Number of live entries. */
  get size(): number {
    return this.live;
  }

  /** The first live entry, or undefined when the agenda is empty. */
  peek(): Entry | undefined {
    this.dropDead();
    return this.count === 0 ? undefined : this.items[0];
  }

  /** Time of the first live entry; the agenda must not be empty. */
  peekTime(): number {
    this.dropDead();
    return this.times[0]!;
  }

  /** Queues an entry; its priority must be an integer in MIN_PRIORITY..MAX_PRIORITY. */
  push(entry: Entry, at: number, priority: number, seq: number): void {
    if (this.count === this.times.length) this.grow();
    const items = this.items;
    const times = this.times;
    const keys = this.keys;
    const generations = this.generations;
    const key = (priority - MIN_PRIORITY) * SEQ_SPAN + seq;
    const generation = entry.generation;
    entry.queued = true;
    entry.owner = this;
    this.live += 1;
    let i = this.count++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < at || (pt === at && keys[p]! < key)) break;
      items[i] = items[p]!;
      times[i] = pt;
      keys[i] = keys[p]!;
      generations[i] = generations[p]!;
      i = p;
    }
    items[i] = entry;
    times[i] = at;
    keys[i] = key;
    generations[i] = generation;
  }

  /** Removes and returns the first live entry; its keys are left in lastAt, lastPriority, lastSeq. */
  pop(): Entry {
    this.dropDead();
    const key = this.keys[0]!;
    this.lastAt = this.times[0]!;
    const priorityPart = Math.floor(key / SEQ_SPAN);
    this.lastPriority = priorityPart + MIN_PRIORITY;
    this.lastSeq = key - priorityPart * SEQ_SPAN;
    const top = this.popSlot();
    top.queued = false;
    this.live -= 1;
    return top;
  }

  /** Cancels a queued entry in O(1). */
  remove(entry: Entry): void {
    if (!entry.queued) throw new Error('This entry is not queued.');
    if (entry.owner !== this) throw new Error('This entry is not on this agenda: it belongs to another environment.');
    entry.queued = false;
    entry.generation = (entry.generation + 1) | 0;
    this.live -= 1;
    if (this.count > 64 && this.live * 2 < this.count) this.compact();
  }

  private dropDead(): void {
    const items = this.items;
    const generations = this.generations;
    while (this.count > 0 && generations[0] !== items[0]!.generation) this.popSlot();
  }

  /** Removes slot 0 and restores the heap. */
  private popSlot(): Entry {
    const items = this.items;
    const times = this.times;
    const keys = this.keys;
    const generations = this.generations;
    const top = items[0]!;
    const n = --this.count;
    const last = items[n]!;
    items[n] = DEAD;
    if (n === 0) return top;
    const at = times[n]!;
    const key = keys[n]!;
    const generation = generations[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (times[r]! < times[c]! || (times[r] === times[c] && keys[r]! < keys[c]!))) c = r;
      const ct = times[c]!;
      if (!(ct < at || (ct === at && keys[c]! < key))) break;
      items[i] = items[c]!;
      times[i] = ct;
      keys[i] = keys[c]!;
      generations[i] = generations[c]!;
      i = c;
    }
    items[i] = last;
    times[i] = at;
    keys[i] = key;
    generations[i] = generation;
    return top;
  }

  /** Drops every dead slot and rebuilds the heap (Floyd's method), when most slots are dead. */
  private compact(): void {
    const items = this.items;
    const times = this.times;
    const keys = this.keys;
    const generations = this.generations;
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      const entry = items[i]!;
      if (generations[i] !== entry.generation) continue;
      items[n] = entry;
      times[n] = times[i]!;
      keys[n] = keys[i]!;
      generations[n] = generations[i]!;
      n++;
    }
    for (let i = n; i < this.count; i++) items[i] = DEAD;
    this.count = n;
    for (let start = (n >> 1) - 1; start >= 0; start--) {
      const entry = items[start]!;
      const at = times[start]!;
      const key = keys[start]!;
      const generation = generations[start]!;
      let i = start;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && (times[r]! < times[c]! || (times[r] === times[c] && keys[r]! < keys[c]!))) c = r;
        const ct = times[c]!;
        if (!(ct < at || (ct === at && keys[c]! < key))) break;
        items[i] = items[c]!;
        times[i] = ct;
        keys[i] = keys[c]!;
        generations[i] = generations[c]!;
        i = c;
      }
      items[i] = entry;
      times[i] = at;
      keys[i] = key;
      generations[i] = generation;
    }
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    this.times = times;
    const keys = new Float64Array(size);
    keys.set(this.keys);
    this.keys = keys;
    const generations = new Int32Array(size);
    generations.set(this.generations);
    this.generations = generations;
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
