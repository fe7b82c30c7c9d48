import { argumentError } from '../errors.js';
import { type ItemBuffer, NO_ITEM } from './ItemBuffer.js';
import { Store, StoreGet } from './Store.js';

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
    return this.submitGet(new StoreGet(this, filter));
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

  take(accepts: ((item: T) => boolean) | null): T | typeof NO_ITEM {
    const index = accepts === null ? (this.items.length > 0 ? 0 : -1) : this.items.findIndex(accepts);
    if (index < 0) return NO_ITEM;
    return this.items.splice(index, 1)[0]!;
  }

  toArray(): T[] {
    return [...this.items];
  }
}
