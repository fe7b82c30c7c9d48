import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import { Interrupt } from '../Interrupt.js';
import type { Process, ProcessGenerator } from '../Process.js';
import { Preempted } from './Preempted.js';
import { PreemptiveResource } from './PreemptiveResource.js';
import { PriorityResource } from './PriorityResource.js';

/** A process that asks for a slot at `arrive`, holds it for `hold` ms, and logs what happens to it. */
function user(
  env: Environment,
  resource: PreemptiveResource,
  log: string[],
  name: string,
  arrive: number,
  hold: number,
  options: { priority?: number; preempt?: boolean } = {},
): Process<void> {
  return env.process(
    (function* (): ProcessGenerator {
      yield env.timeout(arrive);
      using request = resource.request(options);
      try {
        yield request;
        log.push(`${env.now} ${name} got`);
        yield env.timeout(hold);
        log.push(`${env.now} ${name} done`);
      } catch (error) {
        if (!(error instanceof Interrupt)) throw error;
        log.push(`${env.now} ${name}: ${error.message}`);
      }
    })(),
    { name },
  );
}

describe('PreemptiveResource', () => {
  it('interrupts a less important holder with a cause naming the preemptor, and grants the slot at once', () => {
    // SimPy 3.0.11 gives the same times and order (test/parity: preemptionBasic).
    const env = new Environment();
    const machine = new PreemptiveResource(env, { capacity: 1, name: 'lathe' });
    const log: string[] = [];
    user(env, machine, log, 'low', 0, 10, { priority: 2 });
    user(env, machine, log, 'high', 3, 4, { priority: 1 });
    user(env, machine, log, 'mid', 5, 2, { priority: 1.5 });
    env.run();
    expect(log).toEqual([
      '0 low got',
      "3 low: Interrupted: preempted by process 'high' on 'lathe' (held since t=0 ms)",
      '3 high got',
      '7 high done',
      '7 mid got',
      '9 mid done',
    ]);
    expect(machine.count).toBe(0);
    expect(machine).toBeInstanceOf(PriorityResource);
  });

  it('puts the cause in error.cause: the preempting process, when the slot was taken, and the resource', () => {
    const env = new Environment();
    const machine = new PreemptiveResource(env, { capacity: 1 });
    let cause: unknown;
    const victim = env.process(
      (function* (): ProcessGenerator {
        const request = machine.request({ priority: 5 });
        yield request;
        try {
          yield env.timeout(100);
        } catch (error) {
          cause = (error as Interrupt).cause;
          expect(request.isPreempted).toBe(true);
          expect(request.isGranted).toBe(false);
          machine.release(request); // a no-op: the slot is already gone
        }
      })(),
    );
    const urgent = env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(7);
        yield machine.request({ priority: 0 });
        yield env.timeout(1);
      })(),
      { name: 'urgent' },
    );
    env.run();
    expect(victim.ok).toBe(true);
    expect(cause).toBeInstanceOf(Preempted);
    const preempted = cause as Preempted;
    expect(preempted.by).toBe(urgent);
    expect(preempted.usageSince).toBe(0);
    expect(preempted.resource).toBe(machine);
    expect(String(preempted)).toBe("preempted by process 'urgent' (held since t=0 ms)");
    // The preemptor's slot was never released: it is still counted.
    expect(machine.count).toBe(1);
  });

  it('does not preempt with preempt: false, nor for an equally or less important request', () => {
    // SimPy 3.0.11 gives the same (test/parity: preemptionRespectsPreemptFalseAndTies).
    const env = new Environment();
    const machine = new PreemptiveResource(env, { capacity: 1 });
    const log: string[] = [];
    user(env, machine, log, 'first', 0, 10, { priority: 5 });
    user(env, machine, log, 'polite', 1, 3, { priority: 0, preempt: false });
    user(env, machine, log, 'same', 2, 1, { priority: 5 });
    user(env, machine, log, 'tie', 20, 5, { priority: 3 });
    user(env, machine, log, 'twin', 20, 5, { priority: 3 });
    env.run();
    expect(log).toEqual([
      '0 first got',
      '10 first done',
      '10 polite got',
      '13 polite done',
      '13 same got',
      '14 same done',
      '20 tie got',
      '25 tie done',
      '25 twin got',
      '30 twin done',
    ]);
  });

  it('preempts the least important holder, the latest granted among equals', () => {
    // SimPy 3.0.11 gives the same (test/parity: preemptionPicksLeastImportantHolder).
    const env = new Environment();
    const machines = new PreemptiveResource(env, { capacity: 2 });
    const log: string[] = [];
    user(env, machines, log, 'a', 0, 10, { priority: 4 });
    user(env, machines, log, 'b', 1, 10, { priority: 4 });
    user(env, machines, log, 'c', 2, 3, { priority: 1 });
    user(env, machines, log, 'd', 2, 3, { priority: 0 });
    env.run();
    expect(log.map((line) => line.replace(/: Interrupted: preempted by process '(\w+)'.*/, ' lost to $1'))).toEqual([
      '0 a got',
      '1 b got',
      '2 b lost to c',
      '2 a lost to d',
      '2 c got',
      '2 d got',
      '5 c done',
      '5 d done',
    ]);
  });

  it('preempts as soon as a preempting request comes first in line, not only when a request is made', () => {
    // SimPy would let 'urgent' wait here until some later request or release: it checks only then.
    const env = new Environment();
    const machine = new PreemptiveResource(env, { capacity: 1 });
    const log: string[] = [];
    user(env, machine, log, 'worker', 0, 100, { priority: 5 });
    const polite = user(env, machine, log, 'polite', 1, 10, { priority: 0, preempt: false });
    user(env, machine, log, 'urgent', 2, 10, { priority: 1 });
    env.schedule(3, () => polite.interrupt('gave up'));
    env.run({ until: 4 });
    expect(log).toEqual([
      '0 worker got',
      '3 polite: Interrupted: gave up',
      "3 worker: Interrupted: preempted by process 'urgent' (held since t=0 ms)",
      '3 urgent got',
    ]);
  });

  it('a waiting request that is interrupted and released leaves the line; the others keep their order', () => {
    const env = new Environment();
    const machine = new PreemptiveResource(env, { capacity: 1 });
    const log: string[] = [];
    user(env, machine, log, 'holder', 0, 10, { priority: 0 });
    const impatient = user(env, machine, log, 'impatient', 1, 5, { priority: 2 });
    user(env, machine, log, 'patient', 2, 5, { priority: 3 });
    env.schedule(4, () => impatient.interrupt('tired'));
    env.run();
    expect(log).toEqual([
      '0 holder got',
      '4 impatient: Interrupted: tired',
      '10 holder done',
      '10 patient got',
      '15 patient done',
    ]);
    expect(machine.queueLength).toBe(0);
  });

  it('takes the slot of a holder whose process has finished without interrupting anyone, and of a request made outside any process', () => {
    const env = new Environment();
    const machine = new PreemptiveResource(env, { capacity: 1 });
    const leaked = machine.request({ priority: 9 }); // made by no process
    env.run();
    expect(leaked.isGranted).toBe(true);
    const next = machine.request({ priority: 1 });
    expect(leaked.isPreempted).toBe(true);
    expect(next.isGranted).toBe(true);
    expect(machine.users).toEqual([next]);
    expect(next.usageSince).toBe(0);
    expect(next.requestedAt).toBe(0);
    expect(next.process).toBeNull();
    env.run();
  });

  it('counts a granted slot until release, and releases it when a using block is left', () => {
    const env = new Environment();
    const machine = new PreemptiveResource(env, { capacity: 1 });
    const seen: number[] = [];
    env.process(
      (function* (): ProcessGenerator {
        {
          using request = machine.request();
          yield request;
          seen.push(machine.count);
        }
        seen.push(machine.count);
      })(),
    );
    env.run();
    expect(seen).toEqual([1, 0]);
  });

  it('rejects a priority that is not a finite number', () => {
    const env = new Environment();
    const machine = new PreemptiveResource(env, { capacity: 1 });
    expect(() => machine.request({ priority: Number.NaN })).toThrow(/priority/);
    expect(machine.count).toBe(0);
  });
});
