import { argumentError } from '../errors.js';
import { type ItemBuffer, NO_ITEM } from './ItemBuffer.js';
import { Store, StoreGet } from './Store.js';

/** @internal a pending `get` on a {@link FilterStore}: it succeeds with the oldest held item its filter accepts */
export class FilterStoreGet<T> extends StoreGet<T> {
  /** Which items this get accepts. */
  readonly filter: (item: T) => boolean;

  /** @internal created by `store.get(filter)` */
  constructor(store: FilterStore<T>, filter: (item: T) => boolean) {
    super(store);
    this.filter = filter;
  }
}

/**
 * A store whose gets choose: SimPy's FilterStore. `get(filter)` succeeds with the oldest held item
 * that `filter` accepts, and waits while there is none. Items still leave oldest first among those a
 * get accepts, but gets are no longer served strictly in the order they were made: when an item
 * arrives, the earliest waiting get that accepts it takes it, even if earlier gets are still waiting
 * for items of another kind.
 */
export class FilterStore<T> extends Store<T> {
  /** Asks for the oldest item that `filter` accepts (any item without a filter). */
  override get(filter: (item: T) => boolean = acceptAny): StoreGet<T> {
    if (typeof filter !== 'function') throw argumentError('filter', 'expected a function (item) => boolean');
    return this.submitGet(new FilterStoreGet(this, filter));
  }

  /** @internal */
  protected override createBuffer(): ItemBuffer<T> {
    return new FilteredItems<T>();
  }
}

function acceptAny(): boolean {
  return true;
}

/** A FilterStore's items, oldest first; a get takes the oldest its filter accepts. */
class FilteredItems<T> implements ItemBuffer<T> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  add(item: T): void {
    this.items.push(item);
  }

  take(get: StoreGet<T>): T | typeof NO_ITEM {
    const index = this.items.findIndex((get as FilterStoreGet<T>).filter);
    if (index < 0) return NO_ITEM;
    return this.items.splice(index, 1)[0]!;
  }

  toArray(): T[] {
    return [...this.items];
  }
}
