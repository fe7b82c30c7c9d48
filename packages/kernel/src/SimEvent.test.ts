import { describe, expect, it } from 'vitest';
import { Environment } from './Environment.js';
import { SimulationError } from './errors.js';
import { Interrupt } from './Interrupt.js';
import type { ProcessGenerator } from './Process.js';

// Every path by which a failure could go unnoticed, and what happens on it. Where SimPy 3.0.11 has the
// same case, test/parity runs it there too and the outcome is the same.
describe('failures are never lost', () => {
  it('a callback sees a failure but does not handle it: the run stops', () => {
    // SimPy: 'callback saw ok=false', then the run stops with 'boom' (parity: callbackDoesNotDefuse).
    const env = new Environment();
    const event = env.event();
    const seen: boolean[] = [];
    event.onProcessed((e) => seen.push(e.ok));
    env.schedule(1, () => event.fail(new Error('boom')));
    expect(() => env.run()).toThrow(/Unhandled error: an event failed and nothing waited for it: boom \(at t=1 ms/);
    expect(seen).toEqual([false]);
    expect(event.defused).toBe(false);
  });

  it('a callback that calls defuse() handles the failure', () => {
    const env = new Environment();
    const event = env.event();
    event.onProcessed((e) => e.defuse());
    env.schedule(1, () => event.fail(new Error('boom')));
    env.timeout(2);
    env.run();
    expect(env.now).toBe(2);
    expect(event.defused).toBe(true);
  });

  it('defuse() before the failure is processed handles it too, and does nothing to a success', () => {
    const env = new Environment();
    const failed = env.event().fail(new Error('expected')).defuse();
    const fine = env.event().succeed('ok').defuse();
    env.run();
    expect(failed.processed && fine.processed).toBe(true);
    expect(fine.value).toBe('ok');
  });

  it('a process among the callbacks handles the failure, whatever their order', () => {
    const env = new Environment();
    const event = env.event();
    const log: string[] = [];
    event.onProcessed(() => log.push('callback before'));
    env.process(
      (function* (): ProcessGenerator {
        try {
          yield event;
        } catch (error) {
          log.push(`process caught ${(error as Error).message}`);
        }
      })(),
    );
    env.schedule(0, () => event.onProcessed(() => log.push('callback after')));
    env.schedule(1, () => event.fail(new Error('boom')));
    env.run();
    expect(log).toEqual(['callback before', 'process caught boom', 'callback after']);
    expect(event.defused).toBe(true);
  });

  it('a callback added after a failed event was processed runs at once and changes nothing', () => {
    const env = new Environment();
    const event = env.event().fail(new Error('old')).defuse();
    env.run();
    const seen: string[] = [];
    event.onProcessed((e) => seen.push((e.value as Error).message));
    expect(seen).toEqual(['old']);
  });

  it('a waiter interrupted away leaves the failure to nobody: the run stops', () => {
    // SimPy: 'interrupted: stop' at 1, then the run stops at 2 (parity: interruptedWaiterLeavesFailureUnhandled).
    const env = new Environment();
    const event = env.event();
    const log: string[] = [];
    const patient = env.process(
      (function* (): ProcessGenerator {
        try {
          yield event;
        } catch (error) {
          if (!(error instanceof Interrupt)) throw error;
          log.push(`interrupted at ${env.now}`);
        }
      })(),
    );
    env.schedule(1, () => patient.interrupt('stop'));
    env.schedule(2, () => event.fail(new Error('nobody listens')));
    expect(() => env.run()).toThrow(/nobody listens \(at t=2 ms/);
    expect(log).toEqual(['interrupted at 1']);
  });

  it('a process that fails with nobody waiting stops the run, naming it', () => {
    const env = new Environment();
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(3);
        throw new Error('crashed');
      })(),
      { name: 'worker' },
    );
    expect(() => env.run()).toThrow(/worker failed and nothing waited for it: crashed \(at t=3 ms/);
  });

  it('run({ until: event }) rethrows its failure, and only for that run', () => {
    const env = new Environment();
    const awaited = env.event();
    env.schedule(1, () => awaited.fail(new Error('awaited failure')));
    expect(() => env.run({ until: awaited })).toThrow('awaited failure');
    expect(awaited.defused).toBe(true);

    // A run that stopped before its event was processed leaves no mark on it: a later failure still counts.
    const never = env.event();
    expect(() => env.run({ until: never })).toThrow(SimulationError);
    never.fail(new Error('later'));
    expect(() => env.run()).toThrow(/Unhandled error: an event failed.*later/);
  });

  it('cancelling a failed event discards its error on purpose, as defuse() does', () => {
    const env = new Environment();
    const event = env.event().fail(new Error('withdrawn'));
    expect(env.cancel(event)).toBe(true);
    env.run();
    expect(event.processed).toBe(false);
  });
});
