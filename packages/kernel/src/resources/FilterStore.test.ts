import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import { ConfigError } from '../errors.js';
import { Interrupt } from '../Interrupt.js';
import type { ProcessGenerator } from '../Process.js';
import { FilterStore } from './FilterStore.js';

describe('FilterStore', () => {
  it('gives each item to the earliest waiting get that accepts it, even past gets that do not', () => {
    // SimPy 3.0.11 gives the same (test/parity: filterStoreServesTheGetThatAccepts).
    const env = new Environment();
    const store = new FilterStore<string>(env, { capacity: 2 });
    const log: string[] = [];
    const consumer = (name: string, wanted: string, at: number): ProcessGenerator =>
      (function* () {
        yield env.timeout(at);
        const item = yield store.get((item) => item.startsWith(wanted));
        log.push(`${env.now} ${name} got ${String(item)}`);
      })();
    env.process(consumer('wants-a', 'a', 0));
    env.process(consumer('wants-b', 'b', 1));
    env.process(consumer('wants-any', '', 2));
    for (const [at, item] of [
      [1, 'b1'],
      [2, 'a1'],
      [3, 'c1'],
      [4, 'a2'],
      [5, 'b2'],
    ] as const) {
      env.schedule(at, () => store.put(item));
    }
    env.run();
    expect(log).toEqual(['1 wants-b got b1', '2 wants-a got a1', '3 wants-any got c1']);
    expect(store.items).toEqual(['a2', 'b2']);
  });

  it('takes the oldest accepted item; without a filter, the oldest item', () => {
    const env = new Environment();
    const store = new FilterStore<number>(env);
    for (const n of [1, 2, 3, 4]) store.put(n);
    expect(store.get((n) => n % 2 === 0).value).toBe(2);
    expect(store.get().value).toBe(1);
    expect(store.items).toEqual([3, 4]);
  });

  it('a get that frees room lets a waiting put in, whose item another waiting get may take', () => {
    const env = new Environment();
    const store = new FilterStore<string>(env, { capacity: 1 });
    store.put('x');
    const blocked = store.put('y');
    const wantsY = store.get((item) => item === 'y');
    expect(wantsY.triggered).toBe(false);
    const takesX = store.get((item) => item === 'x');
    expect(takesX.value).toBe('x');
    expect(blocked.triggered).toBe(true);
    expect(wantsY.value).toBe('y');
    expect(store.size).toBe(0);
  });

  it('an interrupted consumer withdraws its get by leaving a using block', () => {
    const env = new Environment();
    const store = new FilterStore<number>(env);
    const log: string[] = [];
    const impatient = env.process(
      (function* (): ProcessGenerator {
        try {
          using get = store.get((n) => n > 10);
          yield get;
        } catch (error) {
          if (!(error instanceof Interrupt)) throw error;
          log.push('gave up');
        }
      })(),
    );
    env.schedule(1, () => impatient.interrupt());
    env.schedule(2, () => store.put(42));
    env.run();
    expect(log).toEqual(['gave up']);
    expect(store.getQueueLength).toBe(0);
    expect(store.items).toEqual([42]);
  });

  it('rejects a filter that is not a function', () => {
    const env = new Environment();
    const store = new FilterStore<number>(env);
    expect(() => store.get(5 as never)).toThrow(ConfigError);
    expect(() => store.get(5 as never)).toThrow(/filter/);
  });
});
