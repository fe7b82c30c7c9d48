import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import { ConfigError } from '../errors.js';
import { Interrupt } from '../Interrupt.js';
import type { ProcessGenerator } from '../Process.js';
import { Store } from './Store.js';

describe('Store', () => {
  it('makes a get wait until an item is put, and hands items over oldest first', () => {
    const env = new Environment();
    const store = new Store<string>(env);
    const log: string[] = [];
    env.process(
      (function* (): ProcessGenerator {
        for (let i = 0; i < 3; i++) {
          const item = yield store.get();
          log.push(`got ${String(item)}@${env.now}`);
        }
      })(),
    );
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(5);
        yield store.put('a');
        yield store.put('b');
        yield env.timeout(5);
        yield store.put('c');
      })(),
    );
    env.run();
    expect(log).toEqual(['got a@5', 'got b@5', 'got c@10']);
    expect(store.items).toEqual([]);
    expect(store.getQueueLength).toBe(0);
  });

  it('makes a put wait while the store is full', () => {
    const env = new Environment();
    const store = new Store<number>(env, { capacity: 2 });
    const log: string[] = [];
    env.process(
      (function* (): ProcessGenerator {
        for (let i = 1; i <= 4; i++) {
          yield store.put(i);
          log.push(`put ${i}@${env.now}`);
        }
      })(),
    );
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(10);
        expect(store.items).toEqual([1, 2]);
        expect(store.putQueueLength).toBe(1);
        const first = yield store.get();
        log.push(`got ${String(first)}@${env.now}`);
        yield env.timeout(10);
        const second = yield store.get();
        log.push(`got ${String(second)}@${env.now}`);
      })(),
    );
    env.run();
    expect(log).toEqual(['put 1@0', 'put 2@0', 'got 1@10', 'put 3@10', 'got 2@20', 'put 4@20']);
    expect(store.items).toEqual([3, 4]);
    expect(store.size).toBe(2);
  });

  it('serves waiting gets in the order they were made', () => {
    const env = new Environment();
    const store = new Store<string>(env);
    const gets = [store.get(), store.get(), store.get()];
    store.put('x');
    store.put('y');
    env.run();
    expect(gets.map((g) => (g.processed ? g.value : 'waiting'))).toEqual(['x', 'y', 'waiting']);
    expect(store.getQueueLength).toBe(1);
  });

  it('lets an interrupted consumer withdraw its get, so the item goes to the next one', () => {
    const env = new Environment();
    const store = new Store<string>(env, { name: 'jobs' });
    const log: string[] = [];
    const consumer = (name: string): ProcessGenerator =>
      (function* () {
        const get = store.get();
        try {
          const item = yield get;
          log.push(`${name} got ${String(item)}`);
        } catch (error) {
          if (!(error instanceof Interrupt)) throw error;
          log.push(`${name} withdrew=${get.cancel()}`);
        }
      })();
    const first = env.process(consumer('first'));
    env.process(consumer('second'));
    env.schedule(1, () => first.interrupt());
    env.schedule(2, () => store.put('job'));
    env.run();
    expect(log).toEqual(['first withdrew=true', 'second got job']);
    expect(store.getQueueLength).toBe(0);
  });

  it('withdraws a waiting put, which then never adds its item', () => {
    const env = new Environment();
    const store = new Store<number>(env, { capacity: 1 });
    store.put(1);
    const blocked = store.put(2);
    const next = store.put(3);
    expect(blocked.cancel()).toBe(true);
    expect(blocked.cancel()).toBe(false);
    expect(store.putQueueLength).toBe(1);
    const got = store.get();
    env.run();
    expect(got.value).toBe(1);
    expect(next.processed).toBe(true);
    expect(blocked.triggered).toBe(false);
    expect(store.items).toEqual([3]);
  });

  it('does not withdraw a get that already has its item', () => {
    const env = new Environment();
    const store = new Store<string>(env);
    store.put('kept');
    const get = store.get();
    expect(get.cancel()).toBe(false);
    env.run();
    expect(get.value).toBe('kept');
  });

  it('rejects a capacity that is neither a positive integer nor Infinity', () => {
    const env = new Environment();
    for (const capacity of [0, -3, 2.5, Number.NaN]) {
      expect(() => new Store(env, { capacity })).toThrow(ConfigError);
      expect(() => new Store(env, { capacity })).toThrow(/capacity/);
    }
    expect(new Store(env, { capacity: Number.POSITIVE_INFINITY }).capacity).toBe(Number.POSITIVE_INFINITY);
    expect(new Store(env).capacity).toBe(Number.POSITIVE_INFINITY);
  });
});
