import type { Environment } from '../Environment.js';
import { argumentError } from '../errors.js';
import { SimEvent } from '../SimEvent.js';
import { FifoQueue } from './FifoQueue.js';

/** Options of a new {@link Store}. */
export interface StoreOptions {
  /** How many items the store holds at most: a positive integer, or Infinity (the default). */
  readonly capacity?: number | undefined;
  /** A name shown in traces. */
  readonly name?: string | undefined;
}

/**
 * A pending `put` on a {@link Store}: an event that succeeds once the store has accepted the item.
 * `cancel()` withdraws it while it still waits for room.
 */
export class StorePut<T> extends SimEvent<void> {
  /** @internal */
  readonly item: T;
  /** @internal */
  waiting = false;
  private readonly store: Store<T>;

  /** @internal created by `store.put()` */
  constructor(store: Store<T>, item: T) {
    super(store.env);
    this.store = store;
    this.item = item;
  }

  /** Shows the store's name in traces. */
  override get label(): string | undefined {
    return this.store.name;
  }

  /** Withdraws the put if the item has not been accepted yet; returns whether it was withdrawn. */
  cancel(): boolean {
    if (!this.waiting) return false;
    this.store.withdrawPut(this);
    return true;
  }
}

/**
 * A pending `get` on a {@link Store}: an event that succeeds with the item taken. `cancel()` withdraws
 * it while it still waits for an item; once it has an item, the item is its value whether or not
 * anybody is still waiting for it.
 */
export class StoreGet<T> extends SimEvent<T> {
  /** @internal */
  waiting = false;
  private readonly store: Store<T>;

  /** @internal created by `store.get()` */
  constructor(store: Store<T>) {
    super(store.env);
    this.store = store;
  }

  /** Shows the store's name in traces. */
  override get label(): string | undefined {
    return this.store.name;
  }

  /** Withdraws the get if it has not received an item yet; returns whether it was withdrawn. */
  cancel(): boolean {
    if (!this.waiting) return false;
    this.store.withdrawGet(this);
    return true;
  }
}

/**
 * A buffer of items between producers and consumers: SimPy's Store. `put` waits while the store is
 * full, `get` waits while it is empty; items leave in the order they came in, and waiting puts and gets
 * are each served in the order they were made. Every hand-over goes through `succeed()`, so waiting
 * processes resume in agenda order.
 */
export class Store<T> {
  readonly env: Environment;
  readonly capacity: number;
  readonly name: string | undefined;
  private readonly held = new FifoQueue<T>();
  private readonly putters = new FifoQueue<StorePut<T>>();
  private readonly getters = new FifoQueue<StoreGet<T>>();
  private waitingPuts = 0;
  private waitingGets = 0;

  constructor(env: Environment, options?: StoreOptions) {
    const capacity = options?.capacity ?? Number.POSITIVE_INFINITY;
    if (
      typeof capacity !== 'number' ||
      !(capacity === Number.POSITIVE_INFINITY || (Number.isInteger(capacity) && capacity >= 1))
    ) {
      throw argumentError('capacity', `expected a positive integer or Infinity, got ${String(capacity)}`);
    }
    this.env = env;
    this.capacity = capacity;
    this.name = options?.name;
  }

  /** The items held, oldest first (a copy). */
  get items(): readonly T[] {
    return this.held.toArray();
  }

  /** Number of items held. */
  get size(): number {
    return this.held.length;
  }

  /** Number of puts waiting for room. */
  get putQueueLength(): number {
    return this.waitingPuts;
  }

  /** Number of gets waiting for an item. */
  get getQueueLength(): number {
    return this.waitingGets;
  }

  /** Offers an item; the returned event succeeds once the store has accepted it. */
  put(item: T): StorePut<T> {
    const put = new StorePut(this, item);
    // Puts wait only while the store is full, so room now means nobody is ahead of this one.
    if (this.held.length < this.capacity) {
      this.held.push(item);
      put.succeed();
      this.serveGets();
    } else {
      put.waiting = true;
      this.putters.push(put);
      this.waitingPuts += 1;
    }
    return put;
  }

  /** Asks for the oldest item; the returned event succeeds with it once there is one. */
  get(): StoreGet<T> {
    const get = new StoreGet(this);
    // Gets wait only while the store is empty, so an item now means nobody is ahead of this one.
    if (this.held.length > 0) {
      get.succeed(this.held.shift()!);
      this.servePuts();
    } else {
      get.waiting = true;
      this.getters.push(get);
      this.waitingGets += 1;
    }
    return get;
  }

  /** @internal */
  withdrawPut(put: StorePut<T>): void {
    put.waiting = false;
    this.waitingPuts -= 1;
    if (this.waitingPuts === 0) while (this.putters.shift() !== undefined);
  }

  /** @internal */
  withdrawGet(get: StoreGet<T>): void {
    get.waiting = false;
    this.waitingGets -= 1;
    if (this.waitingGets === 0) while (this.getters.shift() !== undefined);
  }

  private serveGets(): void {
    while (this.waitingGets > 0 && this.held.length > 0) {
      const get = this.nextGet();
      get.waiting = false;
      get.succeed(this.held.shift()!);
    }
  }

  private servePuts(): void {
    while (this.waitingPuts > 0 && this.held.length < this.capacity) {
      const put = this.nextPut();
      put.waiting = false;
      this.held.push(put.item);
      put.succeed();
    }
    this.serveGets();
  }

  /** The first get still waiting; withdrawn ones are skipped (waitingGets > 0 guarantees one). */
  private nextGet(): StoreGet<T> {
    for (;;) {
      const get = this.getters.shift()!;
      if (get.waiting) {
        this.waitingGets -= 1;
        return get;
      }
    }
  }

  /** The first put still waiting; withdrawn ones are skipped (waitingPuts > 0 guarantees one). */
  private nextPut(): StorePut<T> {
    for (;;) {
      const put = this.putters.shift()!;
      if (put.waiting) {
        this.waitingPuts -= 1;
        return put;
      }
    }
  }
}
