import { describe, expect, it } from 'vitest';
import { NORMAL, URGENT } from './Agenda.js';
import { Environment } from './Environment.js';
import { SimulationError } from './errors.js';
import { Interrupt } from './Interrupt.js';
import type { Process, ProcessGenerator } from './Process.js';
import type { SimEvent } from './SimEvent.js';

/** Catches what `fn` throws, so a test can look at more than the message. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('Process results', () => {
  it('succeeds with the generator return value, which the process and its waiters expose', () => {
    const env = new Environment();
    const child = env.process(
      (function* (): ProcessGenerator<{ id: number }> {
        yield env.timeout(2);
        return { id: 7 };
      })(),
    );
    let got: unknown;
    env.process(
      (function* (): ProcessGenerator {
        got = yield child;
      })(),
    );
    expect(child.isAlive).toBe(true);
    env.run();
    expect(got).toEqual({ id: 7 });
    expect(child.isAlive).toBe(false);
    expect(child.processed).toBe(true);
    expect(child.ok).toBe(true);
    expect(child.value).toEqual({ id: 7 });
  });

  it('a generator that never yields finishes at the current time', () => {
    const env = new Environment();
    env.run({ until: 5 });
    const p = env.process(
      // biome-ignore lint/correctness/useYield: a process that finishes without waiting is the case under test
      (function* (): ProcessGenerator<string> {
        return 'instant';
      })(),
    );
    expect(env.run({ until: p })).toBe('instant');
    expect(env.now).toBe(5);
  });

  it('starts before ordinary entries at the same instant', () => {
    const env = new Environment();
    const order: string[] = [];
    env.schedule(0, () => order.push('callback'));
    env.process(
      // biome-ignore lint/correctness/useYield: a process that finishes without waiting is the case under test
      (function* (): ProcessGenerator {
        order.push('process');
      })(),
    );
    env.run();
    expect(order).toEqual(['process', 'callback']);
  });

  it('a waiter of a process that fails receives its error at the yield', () => {
    const env = new Environment();
    const failing = env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(3);
        throw new RangeError('no capacity');
      })(),
    );
    let caught: unknown;
    env.process(
      (function* (): ProcessGenerator {
        try {
          yield failing;
        } catch (error) {
          caught = error;
        }
      })(),
    );
    env.run();
    expect(caught).toBeInstanceOf(RangeError);
    expect(failing.ok).toBe(false);
  });

  it('waiting on a process that already failed (and was defused) throws at once', () => {
    const env = new Environment();
    const failing = env.process(
      // biome-ignore lint/correctness/useYield: a process that finishes without waiting is the case under test
      (function* (): ProcessGenerator {
        throw new Error('early failure');
      })(),
    );
    failing.defuse();
    env.run();
    let caught: unknown;
    env.process(
      (function* (): ProcessGenerator {
        try {
          yield failing;
        } catch (error) {
          caught = error;
        }
      })(),
    );
    env.run();
    expect((caught as Error).message).toBe('early failure');
  });

  it('a thrown non-Error becomes an Error', () => {
    const env = new Environment();
    const p = env.process(
      // biome-ignore lint/correctness/useYield: a process that finishes without waiting is the case under test
      (function* (): ProcessGenerator {
        throw 'a string';
      })(),
    );
    p.defuse();
    env.run();
    expect(p.ok).toBe(false);
    expect((p.value as unknown as Error).message).toBe('a string');
  });

  it('waiting on a cancelled event is an error inside the process', () => {
    const env = new Environment();
    const timer = env.timeout(5);
    env.cancel(timer);
    let caught: unknown;
    env.process(
      (function* (): ProcessGenerator {
        try {
          yield timer;
        } catch (error) {
          caught = error;
        }
      })(),
      { name: 'sleeper' },
    );
    env.run();
    expect((caught as Error).message).toMatch(/process 'sleeper' waited for an event that was cancelled/);
  });

  it('reports what it waits for, and activeProcess while its generator runs', () => {
    const env = new Environment();
    const gate = env.event();
    const seen: Array<Process<unknown> | null> = [];
    const p = env.process(
      (function* (): ProcessGenerator {
        seen.push(env.activeProcess);
        yield gate;
      })(),
    );
    expect(p.waitingFor).toBeNull();
    env.run();
    expect(p.waitingFor).toBe(gate);
    expect(seen).toEqual([p]);
    expect(env.activeProcess).toBeNull();
    gate.succeed();
    env.run();
    expect(p.waitingFor).toBeNull();
  });

  it('rejects a generator function that was not called, saying how to fix it', () => {
    const env = new Environment();
    function* worker(): ProcessGenerator {}
    expect(() => env.process(worker as never)).toThrow(/env.process\(worker\(env\)\)/);
  });

  it('cannot be cancelled while its start is queued', () => {
    const env = new Environment();
    const p = env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(1);
      })(),
    );
    expect(() => env.cancel(p)).toThrow(/interrupt it instead/);
  });

  it('a process waiting on itself never resumes, and run({ until }) on it stops instead of hanging', () => {
    const env = new Environment();
    let resumed = false;
    const self: { p?: SimEvent<unknown> } = {};
    const p = env.process(
      (function* (): ProcessGenerator {
        yield self.p!;
        resumed = true;
      })(),
    );
    self.p = p;
    expect(() => env.run({ until: p })).toThrow();
    expect(resumed).toBe(false);
  });
});

describe('Process interrupts', () => {
  it('an interrupted process is not resumed again when the event it waited for fires later', () => {
    const env = new Environment();
    const signal = env.event<string>();
    const log: string[] = [];
    const p = env.process(
      (function* (): ProcessGenerator {
        try {
          log.push(`got ${String(yield signal)}`);
        } catch (error) {
          log.push(`interrupted at ${env.now}: ${String((error as Interrupt).cause)}`);
        }
        yield env.timeout(10);
        log.push(`woke at ${env.now}`);
      })(),
    );
    env.schedule(1, () => p.interrupt('stop'));
    env.schedule(2, () => signal.succeed('late'));
    env.run();
    expect(log).toEqual(['interrupted at 1: stop', 'woke at 11']);
  });

  it('an interrupted process that waits on the same event again resumes exactly once when it fires', () => {
    const env = new Environment();
    const signal = env.event<string>();
    const log: string[] = [];
    const p = env.process(
      (function* (): ProcessGenerator {
        for (;;) {
          try {
            log.push(`got ${String(yield signal)} at ${env.now}`);
            return;
          } catch {
            log.push(`interrupted at ${env.now}`);
          }
        }
      })(),
    );
    env.schedule(1, () => p.interrupt());
    env.schedule(2, () => signal.succeed('go'));
    env.run();
    expect(log).toEqual(['interrupted at 1', 'got go at 2']);
  });

  it('an interrupt queued at the instant the awaited event fires wins, and the event does not resume it too', () => {
    const env = new Environment();
    const signal = env.event();
    const log: string[] = [];
    const p = env.process(
      (function* (): ProcessGenerator {
        try {
          yield signal;
          log.push('signalled');
        } catch {
          log.push('interrupted');
        }
        yield env.timeout(1);
        log.push(`done at ${env.now}`);
      })(),
    );
    env.schedule(3, () => {
      signal.succeed();
      p.interrupt();
    });
    env.run();
    expect(log).toEqual(['interrupted', 'done at 4']);
  });

  it('an interrupt of a process created at this instant arrives after it reaches its first yield', () => {
    const env = new Environment();
    const log: string[] = [];
    const p = env.process(
      (function* (): ProcessGenerator {
        log.push('started');
        try {
          yield env.timeout(5);
        } catch (error) {
          log.push(`caught ${(error as Error).name}`);
        }
      })(),
    );
    p.interrupt();
    env.run();
    expect(log).toEqual(['started', 'caught Interrupt']);
    expect(env.now).toBe(5);
  });

  it('two interrupts at one instant are delivered in order', () => {
    const env = new Environment();
    const causes: unknown[] = [];
    const p = env.process(
      (function* (): ProcessGenerator {
        for (let i = 0; i < 3; i++) {
          try {
            yield env.timeout(100);
          } catch (error) {
            causes.push((error as Interrupt).cause);
          }
        }
      })(),
    );
    env.schedule(1, () => {
      p.interrupt('first');
      p.interrupt('second');
    });
    env.run();
    expect(causes).toEqual(['first', 'second']);
    expect(env.now).toBe(101);
  });

  it('an interrupt pending when the process finishes is dropped', () => {
    const env = new Environment();
    const p = env.process(
      (function* (): ProcessGenerator {
        try {
          yield env.timeout(10);
        } catch {
          // Finishing here leaves the second interrupt with nobody to deliver to.
        }
      })(),
    );
    env.schedule(1, () => {
      p.interrupt('a');
      p.interrupt('b');
    });
    expect(() => env.run()).not.toThrow();
    expect(p.isAlive).toBe(false);
  });

  it('an uncaught interrupt fails the process, and its waiter sees the Interrupt', () => {
    const env = new Environment();
    const worker = env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(50);
      })(),
    );
    let caught: unknown;
    env.process(
      (function* (): ProcessGenerator {
        try {
          yield worker;
        } catch (error) {
          caught = error;
        }
      })(),
    );
    env.schedule(5, () => worker.interrupt({ reason: 'evicted' }));
    env.run();
    expect(caught).toBeInstanceOf(Interrupt);
    expect((caught as Interrupt).cause).toEqual({ reason: 'evicted' });
    expect((caught as Interrupt).message).toBe('Interrupted: [object Object]');
  });

  it('interrupting a finished process throws, including one that has returned but is not yet processed', () => {
    const env = new Environment();
    let duringFinish: unknown;
    const p: Process<void> = env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(1);
        // Queued before the process's own completion entry: runs after the generator has returned.
        env.schedule(0, () => {
          duringFinish = thrown(() => p.interrupt());
        });
      })(),
      { name: 'short' },
    );
    env.run();
    expect((duringFinish as Error).message).toMatch(/process 'short'.*already finished/);
    expect(() => p.interrupt()).toThrow(/already finished/);
  });

  it('a process cannot interrupt itself', () => {
    const env = new Environment();
    let error: unknown;
    const holder: { p?: Process<void> } = {};
    holder.p = env.process(
      (function* (): ProcessGenerator {
        error = thrown(() => holder.p!.interrupt());
        yield env.timeout(1);
      })(),
      { name: 'narcissus' },
    );
    env.run();
    expect((error as Error).message).toMatch(/process 'narcissus' cannot interrupt itself/);
  });
});

describe('Process delayed start', () => {
  it('starts after the delay, among the ordinary entries due then, as if it had started by waiting', () => {
    // SimPy 3.0.11's start_delayed gives the same order (test/parity: delayedStart): its helper process
    // makes its timeout when it starts, after everything made before the run.
    const env = new Environment();
    const log: string[] = [];
    env.timeout(5).onProcessed(() => log.push('timeout made before'));
    const late = env.process(
      (function* (): ProcessGenerator<string> {
        log.push(`started at ${env.now}`);
        yield env.timeout(1);
        return 'done';
      })(),
      { delay: 5 },
    );
    env.timeout(5).onProcessed(() => log.push('timeout made after'));
    expect(late.started).toBe(false);
    expect(late.isAlive).toBe(true);
    env.run();
    expect(log).toEqual(['timeout made before', 'timeout made after', 'started at 5']);
    expect(late.value).toBe('done');
    expect(env.now).toBe(6);
  });

  it('a delay of 0 starts at once, before ordinary entries, as without a delay', () => {
    const env = new Environment();
    const log: string[] = [];
    env.schedule(0, () => log.push('callback'));
    env.process(
      // biome-ignore lint/correctness/useYield: only the start matters here
      (function* (): ProcessGenerator {
        log.push('process');
      })(),
      { delay: 0 },
    );
    env.run();
    expect(log).toEqual(['process', 'callback']);
  });

  it('an interrupt before the start cancels it: the process fails with the Interrupt and its body never runs', () => {
    const env = new Environment();
    let ran = false;
    const late = env.process(
      (function* (): ProcessGenerator {
        ran = true;
        yield env.timeout(1);
      })(),
      { delay: 10, name: 'late' },
    );
    const seen: unknown[] = [];
    env.process(
      (function* (): ProcessGenerator {
        try {
          yield late;
        } catch (error) {
          seen.push(error, env.now);
        }
      })(),
    );
    env.schedule(2, () => late.interrupt('not needed'));
    env.run();
    expect(ran).toBe(false);
    expect(seen[0]).toBeInstanceOf(Interrupt);
    expect((seen[0] as Interrupt).cause).toBe('not needed');
    expect(seen[1]).toBe(2);
    expect(late.started).toBe(true);
    expect(late.isAlive).toBe(false);
    expect(env.now).toBe(2);
  });

  it('rejects a negative, NaN or infinite delay, naming the option', () => {
    const env = new Environment();
    const body = function* (): ProcessGenerator {};
    for (const delay of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => env.process(body(), { delay })).toThrow(/delay/);
    }
    expect(env.pending).toBe(0);
  });
});

describe('Environment.run with processes and events', () => {
  it('until an event that never fires ends with a SimulationError naming the time', () => {
    const env = new Environment();
    const never = env.event();
    env.schedule(8, () => {});
    const error = thrown(() => env.run({ until: never }));
    expect(error).toBeInstanceOf(SimulationError);
    expect((error as SimulationError).message).toMatch(/ran out of scheduled entries before the event was processed/);
    expect((error as SimulationError).at).toBe(8);
  });

  it('until an event that is already processed returns its value without running anything', () => {
    const env = new Environment();
    const done = env.timeout(1, 'v');
    env.run();
    env.schedule(5, () => {});
    expect(env.run({ until: done })).toBe('v');
    expect(env.now).toBe(1);
    expect(env.pending).toBe(1);
  });

  it('until an event of another environment is a bad argument', () => {
    const env = new Environment();
    expect(() => env.run({ until: new Environment().event() })).toThrow(/until/);
  });

  it('until a time leaves entries exactly at that time unrun', () => {
    const env = new Environment();
    const log: string[] = [];
    env.schedule(10, () => log.push('callback@10'));
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(10);
        log.push('process@10');
      })(),
    );
    env.schedule(9.999, () => log.push('callback@9.999'));
    env.run({ until: 10 });
    expect(log).toEqual(['callback@9.999']);
    expect(env.now).toBe(10);
    env.run({ until: 10 });
    expect(log).toEqual(['callback@9.999']);
    env.run({ until: 10.001 });
    expect(log).toEqual(['callback@9.999', 'callback@10', 'process@10']);
  });

  it('until Infinity runs everything and leaves the clock at the last entry', () => {
    const env = new Environment();
    env.schedule(42, () => {});
    env.run({ until: Number.POSITIVE_INFINITY });
    expect(env.now).toBe(42);
  });

  it('an uncaught error in a callback stops the run with a SimulationError naming it, its time and cause', () => {
    const env = new Environment();
    const cause = new Error('bad config');
    env.schedule(
      3,
      () => {
        throw cause;
      },
      undefined,
      { name: 'reconcile' },
    );
    const error = thrown(() => env.run()) as SimulationError;
    expect(error).toBeInstanceOf(SimulationError);
    expect(error.message).toMatch(/callback 'reconcile': bad config/);
    expect(error.at).toBe(3);
    expect(error.cause).toBe(cause);
  });
});

describe('Environment.onTrace', () => {
  it('sees every entry with its time, priority, sequence, kind and label, before it runs', () => {
    const env = new Environment();
    const trace: string[] = [];
    env.onTrace((e) => trace.push(`${e.at} ${e.priority} #${e.seq} ${e.kind} ${e.label ?? '-'} now=${env.now}`));
    const worker = env.process(
      (function* (): ProcessGenerator {
        try {
          yield env.timeout(5);
        } catch {
          // interrupted: finish
        }
      })(),
      { name: 'worker' },
    );
    env.schedule(2, () => worker.interrupt(), undefined, { name: 'killer' });
    env.run();
    expect(trace).toEqual([
      `0 ${URGENT} #0 process worker now=0`,
      `2 ${NORMAL} #1 callback killer now=2`,
      `2 ${URGENT} #3 interrupt worker now=2`,
      `2 ${NORMAL} #4 process worker now=2`,
      `5 ${NORMAL} #2 event - now=5`,
    ]);
  });

  it('calls every listener in subscription order, and unsubscribing twice is harmless', () => {
    const env = new Environment();
    const calls: string[] = [];
    const stopA = env.onTrace(() => calls.push('a'));
    env.onTrace(() => calls.push('b'));
    env.schedule(1, () => calls.push('run'));
    env.run();
    expect(calls).toEqual(['a', 'b', 'run']);
    stopA();
    stopA();
    env.schedule(1, () => {});
    env.run();
    expect(calls).toEqual(['a', 'b', 'run', 'b']);
  });

  it('shows the running entry as currentEntry only while it runs', () => {
    const env = new Environment();
    let inside: unknown;
    const cb = env.schedule(1, () => {
      inside = env.currentEntry;
    });
    env.run();
    expect(inside).toEqual({ at: 1, priority: 1, seq: 0, kind: 'callback', label: undefined });
    expect(cb.scheduled).toBe(false);
    expect(env.currentEntry).toBeNull();
  });
});
