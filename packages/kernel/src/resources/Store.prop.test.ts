import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import type { ProcessGenerator } from '../Process.js';
import type { SimEvent } from '../SimEvent.js';
import { FilterStore } from './FilterStore.js';
import { PriorityStore } from './PriorityStore.js';
import { Store } from './Store.js';

/** One scripted step: at `at`, put `item` or get (with a filter for a FilterStore), giving up after `patience`. */
interface Step {
  readonly at: number;
  readonly put: boolean;
  readonly item: number;
  /** FilterStore gets accept items with this remainder modulo 3; -1 accepts any. */
  readonly kind: number;
  readonly patience: number | null;
}

type Policy = 'fifo' | 'priority' | 'filter';

interface Handle {
  readonly event: SimEvent<unknown>;
  cancel(): void;
}
interface StoreLike {
  put(item: number): Handle;
  get(kind: number): Handle;
  readonly size: number;
  readonly items: readonly number[];
}

const accepts = (kind: number) => (item: number) => kind < 0 || item % 3 === kind;

/**
 * The three stores written as plainly as possible: items in an array (sorted on every put for the
 * priority store, with a stable sort so that equal items stay in the order they came), waiting puts
 * and gets in arrays, every waiting get offered the items in the order it was made.
 */
class ReferenceStore implements StoreLike {
  readonly items: number[] = [];
  private readonly puts: Array<{ item: number; event: SimEvent<unknown> }> = [];
  private readonly gets: Array<{ kind: number; event: SimEvent<unknown> }> = [];
  constructor(
    private readonly env: Environment,
    private readonly capacity: number,
    private readonly policy: Policy,
  ) {}

  get size(): number {
    return this.items.length;
  }

  put(item: number): Handle {
    const entry = { item, event: this.env.event() };
    this.puts.push(entry);
    this.settle();
    return { event: entry.event, cancel: () => remove(this.puts, entry) };
  }

  get(kind: number): Handle {
    const entry = { kind: this.policy === 'filter' ? kind : -1, event: this.env.event() };
    this.gets.push(entry);
    this.settle();
    return { event: entry.event, cancel: () => remove(this.gets, entry) };
  }

  private settle(): void {
    for (let changed = true; changed; ) {
      changed = false;
      while (this.puts.length > 0 && this.items.length < this.capacity) {
        const put = this.puts.shift()!;
        this.items.push(put.item);
        if (this.policy === 'priority') this.items.sort((a, b) => a - b);
        put.event.succeed();
        changed = true;
      }
      for (const get of [...this.gets]) {
        const index = this.items.findIndex(accepts(get.kind));
        if (index < 0) continue;
        remove(this.gets, get);
        get.event.succeed(this.items.splice(index, 1)[0]);
        changed = true;
      }
    }
  }
}
function remove<T>(list: T[], entry: T): void {
  const i = list.indexOf(entry);
  if (i >= 0) list.splice(i, 1);
}

function kernelStore(env: Environment, capacity: number, policy: Policy): StoreLike {
  const options = { capacity };
  const store =
    policy === 'fifo'
      ? new Store<number>(env, options)
      : policy === 'priority'
        ? new PriorityStore<number>(env, options)
        : new FilterStore<number>(env, options);
  return {
    put: (item) => {
      const put = store.put(item);
      return { event: put, cancel: () => put.cancel() };
    },
    get: (kind) => {
      const get = store instanceof FilterStore ? store.get(accepts(kind)) : store.get();
      return { event: get, cancel: () => get.cancel() };
    },
    get size() {
      return store.size;
    },
    get items() {
      return store.items;
    },
  };
}

function simulate(env: Environment, store: StoreLike, steps: readonly Step[], capacity: number): string[] {
  const log: string[] = [];
  env.onTrace(() => {
    if (store.size > capacity) log.push(`OVER CAPACITY at ${env.now}`);
  });
  steps.forEach((step, i) => {
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(step.at);
        const handle = step.put ? store.put(step.item) : store.get(step.kind);
        if (step.patience !== null) {
          yield env.anyOf([handle.event, env.timeout(step.patience)]);
          if (!handle.event.triggered) {
            handle.cancel();
            log.push(`${env.now} #${i} gave up`);
            return;
          }
        }
        const value = yield handle.event;
        log.push(`${env.now} #${i} ${step.put ? `put ${step.item}` : `got ${String(value)}`}`);
      })(),
    );
  });
  env.run();
  log.push(`left ${store.items.join(',')}`);
  return log;
}

const stepArb = fc.record({
  at: fc.integer({ min: 0, max: 10 }),
  put: fc.boolean(),
  item: fc.integer({ min: 0, max: 9 }),
  kind: fc.integer({ min: -1, max: 2 }),
  patience: fc.option(
    fc.integer({ min: 0, max: 6 }).map((k) => k + 0.5),
    { nil: null },
  ),
});
const capacityArb = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(Number.POSITIVE_INFINITY));
const stepsArb = fc.array(stepArb, { minLength: 2, maxLength: 30, size: '+1' });

describe.each<Policy>(['fifo', 'priority', 'filter'])('%s store (properties)', (policy) => {
  it('accepts, hands out and lets go exactly as the plain reference does, within capacity', () => {
    fc.assert(
      fc.property(capacityArb, stepsArb, (capacity, steps) => {
        const env = new Environment();
        const actual = simulate(env, kernelStore(env, capacity, policy), steps, capacity);
        const refEnv = new Environment();
        const expected = simulate(refEnv, new ReferenceStore(refEnv, capacity, policy), steps, capacity);
        expect(actual).toEqual(expected);
        expect(actual.some((line) => line.startsWith('OVER'))).toBe(false);
      }),
      { seed: 23, numRuns: 250 },
    );
  });
});

describe('PriorityStore (properties)', () => {
  it('always hands out the smallest item it holds, the earliest put among equals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ rank: fc.integer({ min: 0, max: 5 }), get: fc.boolean() }), { maxLength: 60 }),
        (operations) => {
          const env = new Environment();
          const store = new PriorityStore<{ rank: number; n: number }>(env, { compare: (a, b) => a.rank - b.rank });
          const held: Array<{ rank: number; n: number }> = [];
          operations.forEach((op, n) => {
            if (!op.get) {
              store.put({ rank: op.rank, n });
              held.push({ rank: op.rank, n });
            } else if (held.length > 0) {
              const best = held.reduce((a, b) => (b.rank < a.rank || (b.rank === a.rank && b.n < a.n) ? b : a));
              held.splice(held.indexOf(best), 1);
              const get = store.get();
              expect(get.triggered).toBe(true);
              expect(get.value).toEqual(best);
            }
            expect(store.items).toEqual([...held].sort((a, b) => a.rank - b.rank || a.n - b.n));
          });
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });
});
