import { describe, expect, it } from 'vitest';
import { Environment } from './Environment.js';
import { ConfigError, SimulationError } from './errors.js';
import { Interrupt } from './Interrupt.js';
import type { ProcessGenerator } from './Process.js';

describe('Environment', () => {
  it('starts at time 0 and advances only through the agenda', () => {
    const env = new Environment();
    expect(env.now).toBe(0);
    const seen: number[] = [];
    env.schedule(5, () => seen.push(env.now));
    env.schedule(2, () => seen.push(env.now));
    env.run();
    expect(seen).toEqual([2, 5]);
    expect(env.now).toBe(5);
  });

  it('runs same-time entries by priority, then insertion order', () => {
    const env = new Environment();
    const order: string[] = [];
    env.schedule(1, () => order.push('a'));
    env.schedule(1, () => order.push('b'));
    env.schedule(1, () => order.push('urgent'), undefined, { priority: 0 });
    env.schedule(1, () => order.push('c'));
    env.run();
    expect(order).toEqual(['urgent', 'a', 'b', 'c']);
  });

  it('run({ until }) runs entries strictly before the time and leaves the clock there', () => {
    const env = new Environment();
    const seen: number[] = [];
    for (const t of [1, 2, 3, 4]) env.schedule(t, () => seen.push(t));
    env.run({ until: 3 });
    expect(seen).toEqual([1, 2]);
    expect(env.now).toBe(3);
    expect(env.peek()).toBe(3);
    env.run();
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('steps one entry at a time and peeks at the next time', () => {
    const env = new Environment();
    env.schedule(7, () => {});
    env.schedule(3, () => {});
    expect(env.peek()).toBe(3);
    expect(env.step()).toBe(true);
    expect(env.now).toBe(3);
    expect(env.step()).toBe(true);
    expect(env.step()).toBe(false);
    expect(env.peek()).toBe(Number.POSITIVE_INFINITY);
  });

  it('cancelled callbacks never run, and a handle can be rescheduled', () => {
    const env = new Environment();
    let runs = 0;
    const handle = env.schedule(5, () => runs++);
    expect(handle.scheduled).toBe(true);
    expect(env.cancel(handle)).toBe(true);
    expect(env.cancel(handle)).toBe(false);
    env.run();
    expect(runs).toBe(0);
    env.reschedule(handle, 2);
    env.run();
    expect(runs).toBe(1);
    expect(env.now).toBe(2);
  });

  it('passes data to callbacks without a closure', () => {
    const env = new Environment();
    const got: string[] = [];
    env.schedule(1, (s: string) => got.push(s), 'hello');
    env.run();
    expect(got).toEqual(['hello']);
  });

  it('rejects negative, NaN and infinite delays with an error naming the argument', () => {
    const env = new Environment();
    expect(() => env.timeout(-1)).toThrow(ConfigError);
    expect(() => env.timeout(Number.NaN)).toThrow(/delay/);
    expect(() => env.schedule(Number.POSITIVE_INFINITY, () => {})).toThrow(/delay/);
    env.run({ until: 10 });
    expect(() => env.run({ until: 5 })).toThrow(/until/);
  });

  it('traces every executed entry, and stops when unsubscribed', () => {
    const env = new Environment();
    const trace: Array<[number, string]> = [];
    const stop = env.onTrace((e) => trace.push([e.at, e.kind]));
    env.process(
      (function* () {
        yield env.timeout(4);
      })(),
    );
    env.run();
    expect(trace).toEqual([
      [0, 'process'],
      [4, 'event'],
      [4, 'process'],
    ]);
    stop();
    env.schedule(1, () => {});
    env.run();
    expect(trace).toHaveLength(3);
  });
});

describe('processes', () => {
  it('wait on timeouts and return a value that waiters receive', () => {
    const env = new Environment();
    function* child(): ProcessGenerator<string> {
      yield env.timeout(3);
      return 'done';
    }
    const log: Array<[number, unknown]> = [];
    env.process(
      (function* () {
        const value = yield env.process(child());
        log.push([env.now, value]);
        const v2 = yield env.timeout(2, 'tick');
        log.push([env.now, v2]);
      })(),
    );
    env.run();
    expect(log).toEqual([
      [3, 'done'],
      [5, 'tick'],
    ]);
  });

  it('receive failures of awaited events as exceptions at the yield', () => {
    const env = new Environment();
    const ev = env.event<number>();
    let caught: unknown;
    env.process(
      (function* () {
        try {
          yield ev;
        } catch (error) {
          caught = error;
        }
      })(),
    );
    env.schedule(1, () => ev.fail(new Error('broken')));
    env.run();
    expect((caught as Error).message).toBe('broken');
  });

  it('can be interrupted, see the cause, and carry on', () => {
    const env = new Environment();
    const log: string[] = [];
    const worker = env.process(
      (function* () {
        try {
          yield env.timeout(100);
          log.push('finished work');
        } catch (error) {
          if (!(error instanceof Interrupt)) throw error;
          log.push(`interrupted at ${env.now} because ${String(error.cause)}`);
        }
        yield env.timeout(1);
        log.push(`done at ${env.now}`);
      })(),
      { name: 'worker' },
    );
    env.schedule(10, () => worker.interrupt('host failed'));
    env.run();
    expect(log).toEqual(['interrupted at 10 because host failed', 'done at 11']);
    expect(worker.isAlive).toBe(false);
    expect(() => worker.interrupt()).toThrow(/already finished/);
  });

  it('an unhandled process error stops the run with the simulated time', () => {
    const env = new Environment();
    env.process(
      (function* () {
        yield env.timeout(7);
        throw new Error('boom');
      })(),
      { name: 'faulty' },
    );
    let error: unknown;
    try {
      env.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).at).toBe(7);
    expect((error as SimulationError).message).toMatch(/faulty failed.*boom/);
  });

  it('yielding something that is not an event is an error inside the process', () => {
    const env = new Environment();
    const p = env.process(
      (function* () {
        yield 5 as never;
      })(),
      { name: 'bad' },
    );
    expect(() => env.run({ until: p })).toThrow(/process 'bad' yielded number 5/);
  });

  it('run({ until: event }) returns the value of the event', () => {
    const env = new Environment();
    const p = env.process(
      (function* () {
        yield env.timeout(9);
        return 42;
      })(),
    );
    env.schedule(100, () => {});
    expect(env.run({ until: p })).toBe(42);
    expect(env.now).toBe(9);
  });

  it('allOf waits for every event, anyOf for the first', () => {
    const env = new Environment();
    const results: unknown[] = [];
    env.process(
      (function* () {
        const all = yield env.allOf([env.timeout(3, 'a'), env.timeout(1, 'b')]);
        results.push([env.now, all]);
        const first = yield env.anyOf([env.timeout(5, 'slow'), env.timeout(2, 'fast')]);
        results.push([env.now, first]);
      })(),
    );
    env.run();
    expect(results).toEqual([
      [3, ['a', 'b']],
      [5, { index: 1, value: 'fast' }],
    ]);
  });

  it('already processed events resume the process at once', () => {
    const env = new Environment();
    const ev = env.event<string>().succeed('x');
    let got: unknown;
    env.run();
    env.process(
      (function* () {
        got = yield ev;
      })(),
    );
    env.run();
    expect(got).toBe('x');
  });
});
