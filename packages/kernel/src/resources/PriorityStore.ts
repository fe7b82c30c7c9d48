import type { Environment } from '../Environment.js';
import { argumentError } from '../errors.js';
import type { ItemBuffer } from './ItemBuffer.js';
import { ItemHeap } from './ItemHeap.js';
import { Store, type StoreOptions } from './Store.js';

/** Options of a new {@link PriorityStore}. */
export interface PriorityStoreOptions<T> extends StoreOptions {
  /**
   * Orders the items: negative when `a` is to leave before `b`. The default compares with `<`, which
   * suits numbers and strings; give one for anything else, e.g. `(a, b) => a.priority - b.priority`.
   */
  readonly compare?: ((a: T, b: T) => number) | undefined;
}

/**
 * A store that hands out its smallest item first: SimPy's PriorityStore. Items equal under `compare`
 * leave in the order they were put (SimPy's heap leaves such ties in no particular order). Puts wait
 * while the store is full and gets while it is empty, each in the order they were made.
 */
export class PriorityStore<T> extends Store<T> {
  /** A store ordered by `options.compare` (by `<` without one). */
  constructor(env: Environment, options?: PriorityStoreOptions<T>) {
    super(env, options);
  }

  /** @internal */
  protected override createBuffer(options: PriorityStoreOptions<T> | undefined): ItemBuffer<T> {
    const compare = options?.compare ?? naturalOrder;
    if (typeof compare !== 'function') throw argumentError('compare', 'expected a function (a, b) => number');
    return new ItemHeap<T>(compare);
  }
}

function naturalOrder(a: unknown, b: unknown): number {
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}
