import { describe, expect, it } from 'vitest';
import { Environment } from './Environment.js';
import type { ProcessGenerator } from './Process.js';

describe('kernel regressions (found by property tests)', () => {
  it('B1 run({ until: event }) rethrows the event error when it fails', () => {
    const env = new Environment();
    const e = env.event();
    env.schedule(1, () => e.fail(new Error('boom')));
    expect(() => env.run({ until: e })).toThrow(/^boom$/);
  });
  it("B2 cancel of another environment's callback must not touch this agenda", () => {
    const a = new Environment();
    const b = new Environment();
    const ran: string[] = [];
    a.schedule(1, () => ran.push('a1'));
    a.schedule(2, () => ran.push('a2'));
    const foreign = b.schedule(5, () => ran.push('b5'));
    try {
      a.cancel(foreign);
    } catch {
      /* throwing is an acceptable fix */
    }
    a.run();
    expect(ran).toEqual(['a1', 'a2']);
  });
  it('B3 a NaN priority is rejected', () => {
    const env = new Environment();
    expect(() => env.schedule(1, () => {}, undefined, { priority: Number.NaN })).toThrow(/priority/);
  });
  it('B4 waiters resume in registration order', () => {
    const env = new Environment();
    const e = env.event();
    const order: string[] = [];
    e.onProcessed(() => order.push('callback'));
    env.process(
      (function* (): ProcessGenerator {
        yield e;
        order.push('process');
      })(),
    );
    env.run();
    e.succeed();
    env.run();
    expect(order).toEqual(['callback', 'process']);
  });
  it('B4b waiters resume in registration order after an interrupt freed the first slot', () => {
    const env = new Environment();
    const e = env.event();
    const order: string[] = [];
    const mk = (n: string) =>
      env.process(
        (function* (): ProcessGenerator {
          try {
            yield e;
            order.push(n);
          } catch {
            order.push(`${n}-int`);
          }
        })(),
      );
    const p1 = mk('p1');
    mk('p2');
    env.run();
    p1.interrupt();
    env.run();
    mk('p3');
    env.run();
    e.succeed();
    env.run();
    expect(order).toEqual(['p1-int', 'p2', 'p3']);
  });
  it('B5 yielding an event of another environment is an error inside the process', () => {
    const a = new Environment();
    const b = new Environment();
    let caught: unknown;
    a.process(
      (function* (): ProcessGenerator {
        try {
          yield b.timeout(50);
        } catch (err) {
          caught = err;
        }
      })(),
    );
    a.run();
    expect(caught).toBeInstanceOf(Error);
  });
  it('B6 a process cannot be succeeded from outside', () => {
    const env = new Environment();
    const p = env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(1);
      })(),
    );
    expect(() => p.succeed()).toThrow();
  });
  it('B6b succeeding a waiting process from outside does not finish it twice', () => {
    const env = new Environment();
    const gate = env.event();
    const log: string[] = [];
    const p = env.process(
      (function* (): ProcessGenerator<string> {
        yield gate;
        return 'real';
      })(),
    );
    env.process(
      (function* (): ProcessGenerator {
        log.push(String(yield p));
      })(),
    );
    env.run();
    try {
      p.succeed('fake' as never);
    } catch {
      /* throwing is the fix */
    }
    gate.succeed();
    env.run();
    expect(log).toEqual(['real']);
  });
  it('B7 a trace listener that unsubscribes itself does not make the next one miss the entry', () => {
    const env = new Environment();
    const seen: string[] = [];
    const stop = env.onTrace(() => {
      seen.push('L1');
      stop();
    });
    env.onTrace(() => seen.push('L2'));
    env.schedule(1, () => {});
    env.run();
    expect(seen).toEqual(['L1', 'L2']);
  });
  it('B8 a process yielding itself gets an error at the yield', () => {
    const env = new Environment();
    const self: { p?: unknown } = {};
    let caught: unknown;
    const p = env.process(
      (function* (): ProcessGenerator {
        try {
          yield self.p as never;
        } catch (err) {
          caught = err;
        }
      })(),
    );
    self.p = p;
    env.run();
    expect(caught).toBeInstanceOf(Error);
  });
  it('B9 env.run() from inside a callback is refused', () => {
    const env = new Environment();
    let error: unknown;
    env.schedule(1, () => {
      try {
        env.run();
      } catch (err) {
        error = err;
      }
    });
    env.schedule(10, () => {});
    env.run();
    expect(error).toBeInstanceOf(Error);
  });
});
