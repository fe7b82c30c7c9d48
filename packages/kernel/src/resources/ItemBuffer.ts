/** @internal returned by {@link ItemBuffer.take} when no held item suits the get */
export const NO_ITEM: unique symbol = Symbol('no item');

/** @internal the items a store holds, in the order its kind of store hands them out */
export interface ItemBuffer<T> {
  /** Number of items held. */
  readonly size: number;
  add(item: T): void;
  /**
   * Removes and returns the next item to hand out, the next one that `accepts` when a get has a
   * filter, or NO_ITEM when none suits it.
   */
  take(accepts: ((item: T) => boolean) | null): T | typeof NO_ITEM;
  /** The items in the order they would be handed out (a copy). */
  toArray(): T[];
}
