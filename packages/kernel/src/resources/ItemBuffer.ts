import type { StoreGet } from './Store.js';

/** @internal returned by {@link ItemBuffer.take} when no held item suits the get */
export const NO_ITEM: unique symbol = Symbol('no item');

/** @internal the items a store holds, in the order its kind of store hands them out */
export interface ItemBuffer<T> {
  /** Number of items held. */
  readonly size: number;
  add(item: T): void;
  /** Removes and returns the item `get` is to receive, or NO_ITEM when none suits it. */
  take(get: StoreGet<T>): T | typeof NO_ITEM;
  /** The items in the order they would be handed out (a copy). */
  toArray(): T[];
}
