import { describe, expect, it } from 'vitest';
import { allOf, anyOf } from './conditions.js';
import { Environment } from './Environment.js';
import type { ProcessGenerator } from './Process.js';
import type { SimEvent } from './SimEvent.js';

/** Runs a process that waits for `event` and reports when and how it resumed. */
function waitFor(env: Environment, event: SimEvent<unknown>): { at?: number; value?: unknown; error?: Error } {
  const seen: { at?: number; value?: unknown; error?: Error } = {};
  env.process(
    (function* (): ProcessGenerator {
      try {
        seen.value = yield event;
      } catch (error) {
        seen.error = error as Error;
      }
      seen.at = env.now;
    })(),
  );
  return seen;
}

describe('allOf', () => {
  it('succeeds once every event has, with values in list order rather than completion order', () => {
    const env = new Environment();
    const seen = waitFor(env, allOf(env, [env.timeout(5, 'slow'), env.timeout(2, 'fast'), env.timeout(3, 'mid')]));
    env.run();
    expect(seen).toEqual({ at: 5, value: ['slow', 'fast', 'mid'] });
  });

  it('succeeds at once with an empty list', () => {
    const env = new Environment();
    const condition = allOf(env, []);
    expect(condition.triggered).toBe(true);
    const seen = waitFor(env, condition);
    env.run();
    expect(seen).toEqual({ at: 0, value: [] });
  });

  it('counts events that were already processed', () => {
    const env = new Environment();
    const done = env.timeout(1, 'early');
    env.run();
    const seen = waitFor(env, allOf(env, [done, env.timeout(4, 'late')]));
    env.run();
    expect(seen).toEqual({ at: 5, value: ['early', 'late'] });
  });

  it('is triggered at once when every event was already processed', () => {
    const env = new Environment();
    const a = env.event().succeed('a');
    const b = env.timeout(0, 'b');
    env.run();
    const condition = allOf(env, [a, b]);
    expect(condition.triggered).toBe(true);
    expect(condition.value).toEqual(['a', 'b']);
  });

  it('fails as soon as one event fails, without waiting for the others', () => {
    const env = new Environment();
    const broken = env.event();
    env.schedule(2, () => broken.fail(new Error('disk full')));
    const seen = waitFor(env, allOf(env, [env.timeout(10), broken]));
    env.run();
    expect(seen.at).toBe(2);
    expect(seen.error?.message).toBe('disk full');
    expect(env.now).toBe(10);
  });

  it('fails with the first failure; later failures of other members do not stop the run', () => {
    const env = new Environment();
    const first = env.event();
    const second = env.event();
    env.schedule(1, () => first.fail(new Error('first')));
    env.schedule(2, () => second.fail(new Error('second')));
    const seen = waitFor(env, allOf(env, [first, second]));
    expect(() => env.run()).not.toThrow();
    expect(seen.error?.message).toBe('first');
  });

  it('fails when a member had already failed (and been defused)', () => {
    const env = new Environment();
    const failed = env.event().fail(new Error('old news')).defuse();
    env.run();
    const condition = allOf(env, [env.timeout(3), failed]);
    const seen = waitFor(env, condition);
    env.run();
    expect(seen).toEqual({ at: 0, error: new Error('old news') });
  });

  it('is the same as env.allOf', () => {
    const env = new Environment();
    const seen = waitFor(env, env.allOf([env.timeout(1, 'x')]));
    env.run();
    expect(seen).toEqual({ at: 1, value: ['x'] });
  });

  it('rejects events of another environment and things that are not events', () => {
    const env = new Environment();
    const other = new Environment();
    expect(() => allOf(env, [other.timeout(1)])).toThrow(/same environment/);
    expect(() => allOf(env, [42 as never])).toThrow(TypeError);
  });
});

describe('anyOf', () => {
  it('succeeds with the position and value of the first event to be processed', () => {
    const env = new Environment();
    const seen = waitFor(env, anyOf(env, [env.timeout(5, 'slow'), env.timeout(2, 'fast'), env.timeout(3, 'mid')]));
    env.run();
    expect(seen).toEqual({ at: 2, value: { index: 1, value: 'fast' } });
  });

  it('breaks a tie at the same instant by agenda order', () => {
    const env = new Environment();
    const a = env.event();
    const b = env.event();
    env.schedule(4, () => {
      b.succeed('b');
      a.succeed('a');
    });
    const seen = waitFor(env, anyOf(env, [a, b]));
    env.run();
    expect(seen).toEqual({ at: 4, value: { index: 1, value: 'b' } });
  });

  it('succeeds at once with an empty list, with index -1', () => {
    const env = new Environment();
    const seen = waitFor(env, anyOf(env, []));
    env.run();
    expect(seen).toEqual({ at: 0, value: { index: -1, value: undefined } });
  });

  it('takes an already processed member at once', () => {
    const env = new Environment();
    const done = env.timeout(1, 'done');
    env.run();
    const condition = anyOf(env, [env.timeout(9), done]);
    expect(condition.triggered).toBe(true);
    expect(condition.value).toEqual({ index: 1, value: 'done' });
  });

  it('fails when the first member to be processed failed', () => {
    const env = new Environment();
    const broken = env.event();
    env.schedule(1, () => broken.fail(new Error('timeout expired')));
    const seen = waitFor(env, anyOf(env, [env.timeout(5), broken]));
    env.run();
    expect(seen.at).toBe(1);
    expect(seen.error?.message).toBe('timeout expired');
  });

  it('ignores a failure after it has decided, without stopping the run', () => {
    const env = new Environment();
    const late = env.event();
    env.schedule(3, () => late.fail(new Error('too late')));
    const seen = waitFor(env, anyOf(env, [env.timeout(1, 'on time'), late]));
    expect(() => env.run()).not.toThrow();
    expect(seen).toEqual({ at: 1, value: { index: 0, value: 'on time' } });
  });

  it('is the same as env.anyOf', () => {
    const env = new Environment();
    const seen = waitFor(env, env.anyOf([env.timeout(2, 'y')]));
    env.run();
    expect(seen).toEqual({ at: 2, value: { index: 0, value: 'y' } });
  });

  it('rejects events of another environment and things that are not events', () => {
    const env = new Environment();
    const other = new Environment();
    expect(() => anyOf(env, [other.event()])).toThrow(/same environment/);
    expect(() => anyOf(env, [null as never])).toThrow(TypeError);
  });

  it('nests: anyOf over allOf conditions', () => {
    const env = new Environment();
    const pair = allOf(env, [env.timeout(2, 'a'), env.timeout(6, 'b')]);
    const single = allOf(env, [env.timeout(4, 'c')]);
    const seen = waitFor(env, anyOf(env, [pair, single]));
    env.run();
    expect(seen).toEqual({ at: 4, value: { index: 1, value: ['c'] } });
  });
});
