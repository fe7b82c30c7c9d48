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

  it("fails with the first failure; a later failure of another member is not the condition's to handle", () => {
    // SimPy 3.0.11 prints the same (test/parity: allOfSecondFailureAfterDecision): the waiter catches
    // 'first' at 1, and the run stops at 2 with 'second', which nothing waited for.
    const env = new Environment();
    const first = env.event();
    const second = env.event();
    env.schedule(1, () => first.fail(new Error('first')));
    env.schedule(2, () => second.fail(new Error('second')));
    const seen = waitFor(env, allOf(env, [first, second]));
    expect(() => env.run()).toThrow(/Unhandled error: an event failed.*second \(at t=2 ms/);
    expect(seen).toEqual({ at: 1, error: new Error('first') });
    expect(first.defused).toBe(true);
    expect(second.defused).toBe(false);
  });

  it('leaves a member that failed after the decision to whoever else waits for it', () => {
    const env = new Environment();
    const late = env.event();
    env.schedule(2, () => late.fail(new Error('late')));
    const seen = waitFor(env, allOf(env, [env.timeout(1), env.timeout(1)]));
    const other = waitFor(env, late);
    env.run();
    expect(seen.at).toBe(1);
    expect(other).toEqual({ at: 2, error: new Error('late') });
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

  it('does not handle a failure after it has decided: the run stops with it', () => {
    // SimPy 3.0.11: the waiter gets 'on time' at 1, then the run stops at 3 with 'too late'
    // (test/parity: anyOfFailureAfterDecision).
    const env = new Environment();
    const late = env.event();
    env.schedule(3, () => late.fail(new Error('too late')));
    const seen = waitFor(env, anyOf(env, [env.timeout(1, 'on time'), late]));
    expect(() => env.run()).toThrow(/too late \(at t=3 ms/);
    expect(seen).toEqual({ at: 1, value: { index: 0, value: 'on time' } });
  });

  it('does not handle a member that fails at the instant it decided, after the deciding member', () => {
    // SimPy 3.0.11: 'first' at 1, then the run stops at 1 (test/parity: anyOfFailureAtDecisionInstant).
    const env = new Environment();
    const broken = env.event();
    const condition = anyOf(env, [env.timeout(1, 'first'), broken]);
    env.schedule(1, () => broken.fail(new Error('same instant')));
    const seen = waitFor(env, condition);
    expect(() => env.run()).toThrow(/same instant \(at t=1 ms/);
    expect(seen).toEqual({ at: 1, value: { index: 0, value: 'first' } });
  });

  it('stops listening to the other members once decided', () => {
    const env = new Environment();
    const slow = env.event();
    anyOf(env, [env.timeout(1), slow]);
    env.run();
    expect(slow.waiters).toBeNull();
    const pair = allOf(env, [env.event().fail(new Error('x')), slow]);
    waitFor(env, pair);
    env.run();
    expect(slow.waiters).toBeNull();
  });

  it('a member that fails after a nested condition decided stops the run', () => {
    // SimPy 3.0.11: 'b' at 1, then the run stops at 4 with the inner member's error
    // (test/parity: nestedConditionFailureAfterDecision).
    const env = new Environment();
    const broken = env.event();
    env.schedule(4, () => broken.fail(new Error('inner member')));
    const inner = allOf(env, [env.timeout(2, 'a'), broken]);
    const seen = waitFor(env, anyOf(env, [inner, env.timeout(1, 'b')]));
    expect(() => env.run()).toThrow(/inner member \(at t=4 ms/);
    expect(seen).toEqual({ at: 1, value: { index: 1, value: 'b' } });
  });

  it('a member that fails before a nested condition decided fails both conditions', () => {
    const env = new Environment();
    const broken = env.event();
    env.schedule(1, () => broken.fail(new Error('inner member')));
    const inner = allOf(env, [env.timeout(2, 'a'), broken]);
    const seen = waitFor(env, anyOf(env, [inner, env.timeout(3, 'b')]));
    env.run();
    expect(seen).toEqual({ at: 1, error: new Error('inner member') });
    expect(broken.defused && inner.defused).toBe(true);
  });

  it('a failed condition that nobody waits for stops the run', () => {
    const env = new Environment();
    const broken = env.event();
    env.schedule(1, () => broken.fail(new Error('unwatched')));
    allOf(env, [env.timeout(2), broken]);
    expect(() => env.run()).toThrow(/an event failed.*unwatched \(at t=1 ms/);
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
