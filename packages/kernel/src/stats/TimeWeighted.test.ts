import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import { ConfigError } from '../errors.js';
import type { ProcessGenerator } from '../Process.js';
import { TimeWeighted } from './TimeWeighted.js';

describe('TimeWeighted', () => {
  it('weighs each value by how long it held: 0 for 10 ms then 4 for 30 ms has mean 3', () => {
    const clock = { now: 0 };
    const q = new TimeWeighted(clock);
    clock.now = 10;
    q.set(4);
    clock.now = 40;
    // integral 0 × 10 + 4 × 30 = 120 over 40 ms
    expect(q.integral()).toBe(120);
    expect(q.mean()).toBe(3);
    expect(q.current).toBe(4);
    expect(q.min).toBe(0);
    expect(q.max).toBe(4);
  });

  it('add changes the value by a delta at the current time', () => {
    const clock = { now: 100 };
    const busy = new TimeWeighted(clock, 1);
    clock.now = 110;
    busy.add(1); // 1 for 10 ms
    clock.now = 115;
    busy.add(-2); // 2 for 5 ms
    clock.now = 120; // 0 for 5 ms
    // integral 10 + 10 + 0 = 20 over 20 ms
    expect(busy.integral()).toBe(20);
    expect(busy.mean()).toBe(1);
    expect(busy.current).toBe(0);
    expect([busy.min, busy.max]).toEqual([0, 2]);
  });

  it('is the current value when no time has passed, and counts zero-length values in min and max', () => {
    const clock = { now: 5 };
    const q = new TimeWeighted(clock, 2);
    expect(q.mean()).toBe(2);
    q.set(9);
    q.set(1);
    expect(q.mean()).toBe(1);
    expect(q.integral()).toBe(0);
    expect([q.min, q.max]).toEqual([1, 9]);
  });

  it('reset starts a new window at the current time and keeps the value (warm-up removal)', () => {
    const clock = { now: 0 };
    const q = new TimeWeighted(clock, 50);
    clock.now = 1000;
    q.set(2);
    q.reset();
    expect(q.current).toBe(2);
    expect([q.min, q.max]).toEqual([2, 2]);
    clock.now = 1010;
    q.set(6); // 2 for 10 ms
    clock.now = 1020; // 6 for 10 ms
    expect(q.integral()).toBe(80);
    expect(q.mean()).toBe(4);
    expect([q.min, q.max]).toEqual([2, 6]);
  });

  it('rejects non-finite values and a clock that runs backwards, naming the argument', () => {
    const clock = { now: 10 };
    const q = new TimeWeighted(clock);
    expect(() => q.set(Number.NaN)).toThrow(/→ at value/);
    expect(() => q.add(Number.POSITIVE_INFINITY)).toThrow(/→ at delta/);
    expect(() => new TimeWeighted(clock, Number.NaN)).toThrow(/→ at initial/);
    clock.now = 5;
    expect(() => q.set(1)).toThrow(ConfigError);
    expect(() => q.mean()).toThrow(/→ at clock\.now/);
    expect(q.current).toBe(0);
  });

  it('follows an Environment: a server busy 30 of 40 ms has utilisation 0.75', () => {
    const env = new Environment();
    const busy = new TimeWeighted(env);
    function* server(): ProcessGenerator {
      for (const [idle, work] of [
        [5, 10],
        [5, 20],
      ] as const) {
        yield env.timeout(idle);
        busy.set(1);
        yield env.timeout(work);
        busy.set(0);
      }
    }
    env.process(server());
    env.run();
    expect(env.now).toBe(40);
    expect(busy.integral()).toBe(30);
    expect(busy.mean()).toBe(0.75);
    env.run({ until: 60 });
    expect(busy.mean()).toBe(0.5);
  });
});
