import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Callback } from './Callback.js';
import { Environment } from './Environment.js';

/** One step of a script: at `at`, set timer `timer` to `delay` ms from then (or cancel it when delay < 0). */
interface Op {
  readonly at: number;
  readonly timer: number;
  readonly delay: number;
}

/** What a timer does when it runs: set itself (or another) again, or nothing. */
interface Follow {
  readonly timer: number;
  readonly delay: number;
}

/** Something that can be set and cancelled: the lazy Timer, or the plain cancel-and-reschedule. */
interface Settable {
  set(delay: number): void;
  cancel(): void;
}

/**
 * Runs the script on one environment with timers made by `make`, and returns what ran, in order: the
 * script's steps and the timers, with their times. Small integer times make ties common.
 */
function run(
  ops: readonly Op[],
  follows: readonly (Follow | null)[],
  timers: number,
  make: (env: Environment, fire: (i: number) => void) => Settable,
): string[] {
  const env = new Environment();
  const log: string[] = [];
  const all: Settable[] = [];
  const act = (i: number, delay: number) => {
    if (delay < 0) all[i]!.cancel();
    else all[i]!.set(delay);
  };
  let fired = 0;
  for (let i = 0; i < timers; i++) {
    all.push(
      make(env, (k) => {
        log.push(`timer ${k} at ${env.now}`);
        // A timer may set timers again, a bounded number of times (or a run could never end).
        if (fired >= 60) return;
        const f = follows[fired++ % follows.length];
        if (f !== null && f !== undefined) act(f.timer % timers, f.delay);
      }),
    );
  }
  ops.forEach((op, n) => {
    env.schedule(op.at, () => {
      log.push(`op ${n} at ${env.now}`);
      act(op.timer % timers, op.delay);
    });
  });
  env.run();
  log.push(`end at ${env.now}`);
  return log;
}

const lazy = (env: Environment, fire: (i: number) => void) => {
  const i = lazyCount++;
  return env.timer(() => fire(i));
};
let lazyCount = 0;

/** The plain way: take the entry off the agenda and put a new one on, every time. */
function plain(env: Environment, fire: (i: number) => void, i: number): Settable {
  let handle: Callback | null = null;
  const fn = () => fire(i);
  return {
    set(delay) {
      if (handle?.queued) env.cancel(handle);
      if (handle === null) handle = env.schedule(delay, fn);
      else env.reschedule(handle, delay);
    },
    cancel() {
      if (handle?.queued) env.cancel(handle);
    },
  };
}

describe('Timer', () => {
  it('runs exactly when, and in the order, cancel-and-reschedule would (ties included)', () => {
    const op = fc.record({
      at: fc.integer({ min: 0, max: 30 }),
      timer: fc.nat(),
      delay: fc.integer({ min: -3, max: 12 }),
    });
    const follow = fc.option(fc.record({ timer: fc.nat(), delay: fc.integer({ min: -1, max: 8 }) }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.array(follow, { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 4 }),
        (ops, follows, timers) => {
          lazyCount = 0;
          const a = run(ops, follows, timers, lazy);
          let n = 0;
          const b = run(ops, follows, timers, (env, fire) => plain(env, fire, n++));
          expect(a).toEqual(b);
        },
      ),
      { seed: 20261206, numRuns: 2000 },
    );
  });
});
