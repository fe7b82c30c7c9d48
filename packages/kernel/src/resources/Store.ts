import type { Environment } from '../Environment.js';
import { argumentError } from '../errors.js';
import { SimEvent } from '../SimEvent.js';
import { FifoItems } from './FifoItems.js';
import { FifoQueue } from './FifoQueue.js';
import { type ItemBuffer, NO_ITEM } from './ItemBuffer.js';

/** Options of a new {@link Store}. */
export interface StoreOptions {
  /** How many items the store holds at most: a positive integer, or Infinity (the default). */
  readonly capacity?: number | undefined;
  /** A name shown in traces. */
  readonly name?: string | undefined;
}

/**
 * A pending `put` on a {@link Store}: an event that succeeds once the store has accepted the item.
 * `cancel()` withdraws it while it still waits for room; so does leaving the block of
 * `using put = store.put(item)`, as SimPy's put in a `with` block.
 */
export class StorePut<T> extends SimEvent<void> implements Disposable {
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

  /** Same as `cancel()`, for `using`. */
  [Symbol.dispose](): void {
    this.cancel();
  }
}

/**
 * A pending `get` on a {@link Store}: an event that succeeds with the item taken. `cancel()` withdraws
 * it while it still waits for an item (so does leaving the block of `using get = store.get()`); once
 * it has an item, the item is its value whether or not anybody is still waiting for it.
 */
export class StoreGet<T> extends SimEvent<T> implements Disposable {
  /** @internal */
  waiting = false;
  /** Which items this get accepts (a FilterStore's get), or null for any item. */
  readonly filter: ((item: T) => boolean) | null;
  private readonly store: Store<T>;

  /** @internal created by `store.get()` */
  constructor(store: Store<T>, filter: ((item: T) => boolean) | null = null) {
    super(store.env);
    this.store = store;
    this.filter = filter;
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

  /** Same as `cancel()`, for `using`. */
  [Symbol.dispose](): void {
    this.cancel();
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
  /** @internal the items held, in the order this kind of store hands them out */
  protected readonly held: ItemBuffer<T>;
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
    this.held = this.createBuffer(options);
  }

  /** The items held, in the order they would be handed out (a copy). */
  get items(): readonly T[] {
    return this.held.toArray();
  }

  /** Number of items held. */
  get size(): number {
    return this.held.size;
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
    if (this.held.size < this.capacity) {
      this.held.add(item);
      put.succeed();
      this.settle();
    } else {
      put.waiting = true;
      this.putters.push(put);
      this.waitingPuts += 1;
    }
    return put;
  }

  /** Asks for the oldest item; the returned event succeeds with it once there is one. */
  get(): StoreGet<T> {
    return this.submitGet(new StoreGet(this));
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

  /** @internal how the store holds its items; PriorityStore and FilterStore supply their own */
  protected createBuffer(_options: StoreOptions | undefined): ItemBuffer<T> {
    return new FifoItems<T>();
  }

  /** @internal hands `get` an item at once if one suits it, or puts it in line */
  protected submitGet(get: StoreGet<T>): StoreGet<T> {
    // A get waits only while no held item suits it, so one that suits it now is not wanted by anybody
    // ahead of it.
    const item = this.held.take(get.filter);
    if (item !== NO_ITEM) {
      get.succeed(item);
      if (this.servePuts()) this.settle();
    } else {
      get.waiting = true;
      this.getters.push(get);
      this.waitingGets += 1;
    }
    return get;
  }

  /**
   * Serves waiting gets and puts until neither can go on. In a plain or priority store only one side
   * ever waits at a time; in a FilterStore a get can free room for a put whose item another get wants.
   */
  private settle(): void {
    while (this.serveGets() && this.servePuts());
  }

  /**
   * Hands items to waiting gets in the order they were made; a get that no item suits keeps waiting.
   * Returns whether any get was served.
   */
  private serveGets(): boolean {
    const getters = this.getters;
    let served = false;
    for (let i = 0; this.waitingGets > 0 && this.held.size > 0 && i < getters.length; i += 1) {
      const get = getters.at(i)!;
      if (!get.waiting) continue;
      const item = this.held.take(get.filter);
      if (item === NO_ITEM) continue;
      get.waiting = false;
      this.waitingGets -= 1;
      get.succeed(item);
      served = true;
    }
    while (getters.length > 0 && !getters.peek()!.waiting) getters.shift();
    return served;
  }

  /** Accepts waiting puts in the order they were made while there is room; returns whether any was. */
  private servePuts(): boolean {
    let served = false;
    while (this.waitingPuts > 0 && this.held.size < this.capacity) {
      const put = this.nextPut();
      put.waiting = false;
      this.held.add(put.item);
      put.succeed();
      served = true;
    }
    return served;
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
