import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import { ConfigError } from '../errors.js';
import type { ProcessGenerator } from '../Process.js';
import { PriorityStore } from './PriorityStore.js';

describe('PriorityStore', () => {
  it('hands out the smallest item first, and makes puts wait while full', () => {
    // SimPy 3.0.11 gives the same (test/parity: priorityStoreSmallestFirst).
    const env = new Environment();
    const store = new PriorityStore<number>(env, { capacity: 3 });
    const log: string[] = [];
    env.process(
      (function* (): ProcessGenerator {
        for (const item of [5, 1, 4, 2, 3]) {
          yield store.put(item);
          log.push(`${env.now} put ${item}`);
        }
      })(),
    );
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(2);
        expect(store.items).toEqual([1, 4, 5]);
        for (let i = 0; i < 5; i += 1) {
          const item = yield store.get();
          log.push(`${env.now} got ${String(item)}`);
          yield env.timeout(1);
        }
      })(),
    );
    env.run();
    expect(log).toEqual([
      '0 put 5',
      '0 put 1',
      '0 put 4',
      '2 got 1',
      '2 put 2',
      '3 got 2',
      '3 put 3',
      '4 got 3',
      '5 got 4',
      '6 got 5',
    ]);
  });

  it('orders by compare, and equal items in the order they were put', () => {
    const env = new Environment();
    const jobs = new PriorityStore<{ urgency: number; name: string }>(env, {
      compare: (a, b) => a.urgency - b.urgency,
    });
    for (const [urgency, name] of [
      [2, 'b1'],
      [1, 'a1'],
      [2, 'b2'],
      [1, 'a2'],
      [0, 'z'],
    ] as const)
      jobs.put({ urgency, name });
    expect(jobs.items.map((j) => j.name)).toEqual(['z', 'a1', 'a2', 'b1', 'b2']);
    const names = Array.from({ length: 5 }, () => (jobs.get().value as { name: string }).name);
    expect(names).toEqual(['z', 'a1', 'a2', 'b1', 'b2']);
  });

  it('a waiting get receives the first item put, and can be withdrawn', () => {
    const env = new Environment();
    const store = new PriorityStore<string>(env);
    const first = store.get();
    const second = store.get();
    expect(second.cancel()).toBe(true);
    store.put('m');
    store.put('a');
    env.run();
    expect(first.value).toBe('m');
    expect(second.triggered).toBe(false);
    expect(store.items).toEqual(['a']);
  });

  it('rejects a compare that is not a function', () => {
    const env = new Environment();
    expect(() => new PriorityStore(env, { compare: 42 as never })).toThrow(ConfigError);
    expect(() => new PriorityStore(env, { compare: 42 as never })).toThrow(/compare/);
  });
});
