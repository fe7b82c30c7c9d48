import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import { Interrupt } from '../Interrupt.js';
import type { Process, ProcessGenerator } from '../Process.js';
import type { SimEvent } from '../SimEvent.js';
import { Preempted } from './Preempted.js';
import { PreemptiveResource } from './PreemptiveResource.js';

interface Customer {
  readonly arrival: number;
  readonly hold: number;
  readonly priority: number;
  readonly preempt: boolean;
  /** How long the customer waits before giving up; null = waits for ever. */
  readonly patience: number | null;
}

/** What the customers need of a preemptive resource: the implementation, or the reference below. */
interface Claim {
  readonly event: SimEvent<unknown>;
}
interface Slots {
  request(priority: number, preempt: boolean): Claim;
  release(claim: Claim): void;
}

/**
 * SimPy's PreemptiveResource written as plainly as possible: a list kept sorted by (priority, time,
 * not preempt) with a stable sort, users in grant order, the victim found by sorting them too. Like
 * the kernel's, it checks for preemption whenever the head of the line may have changed.
 */
class ReferenceSlots implements Slots {
  private readonly queue: RefClaim[] = [];
  private readonly users: RefClaim[] = [];
  constructor(
    private readonly env: Environment,
    private readonly capacity: number,
  ) {}

  request(priority: number, preempt: boolean): RefClaim {
    const claim: RefClaim = {
      event: this.env.event(),
      key: [priority, this.env.now, preempt ? 0 : 1],
      preempt,
      process: this.env.activeProcess,
      since: 0,
    };
    this.queue.push(claim);
    this.queue.sort((a, b) => compareKeys(a.key, b.key));
    this.trigger();
    return claim;
  }

  release(claim: Claim): void {
    const user = this.users.indexOf(claim as RefClaim);
    if (user >= 0) this.users.splice(user, 1);
    const waiting = this.queue.indexOf(claim as RefClaim);
    if (waiting >= 0) this.queue.splice(waiting, 1);
    this.trigger();
  }

  private trigger(): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined) return;
      if (this.users.length < this.capacity) {
        this.queue.shift();
        head.since = this.env.now;
        this.users.push(head);
        head.event.succeed();
        continue;
      }
      if (!head.preempt) return;
      const victim = [...this.users].sort((a, b) => compareKeys(a.key, b.key)).at(-1)!;
      if (compareKeys(victim.key, head.key) <= 0) return;
      this.users.splice(this.users.indexOf(victim), 1);
      if (victim.process?.isAlive && victim.process !== this.env.activeProcess) {
        victim.process.interrupt(`preempted (since ${victim.since})`);
      }
    }
  }
}
interface RefClaim extends Claim {
  readonly key: readonly number[];
  readonly preempt: boolean;
  readonly process: Process<unknown> | null;
  since: number;
}
function compareKeys(a: readonly number[], b: readonly number[]): number {
  return a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
}

/** The kernel's resource behind the same small interface; the Interrupt's cause is reduced to the reference's text. */
function kernelSlots(resource: PreemptiveResource): Slots {
  return {
    request: (priority, preempt) => {
      const request = resource.request({ priority, preempt });
      return { event: request, request } as Claim;
    },
    release: (claim) => resource.release((claim as unknown as { request: never }).request),
  };
}

/** Runs the customers against `slots` and logs grants, completions, preemptions and departures. */
function simulate(env: Environment, slots: Slots, customers: readonly Customer[]): string[] {
  const log: string[] = [];
  customers.forEach((c, i) => {
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(c.arrival);
        const claim = slots.request(c.priority, c.preempt);
        try {
          if (c.patience === null) yield claim.event;
          else {
            yield env.anyOf([claim.event, env.timeout(c.patience)]);
            if (!claim.event.triggered) {
              log.push(`${env.now} #${i} gave up`);
              return;
            }
          }
          log.push(`${env.now} #${i} got`);
          yield env.timeout(c.hold);
          log.push(`${env.now} #${i} done`);
        } catch (error) {
          if (!(error instanceof Interrupt)) throw error;
          const cause = error.cause instanceof Preempted ? `preempted (since ${error.cause.usageSince})` : error.cause;
          log.push(`${env.now} #${i} ${String(cause)}`);
        } finally {
          slots.release(claim);
        }
      })(),
    );
  });
  env.run();
  return log;
}

// Integer times with half-integer patience: giving up never coincides with a grant or a preemption.
// Arrivals are bunched so that equal keys, full slots and preemptions are common.
const customerArb = fc.record({
  arrival: fc.integer({ min: 0, max: 12 }),
  hold: fc.integer({ min: 1, max: 15 }),
  priority: fc.integer({ min: 0, max: 3 }),
  preempt: fc.boolean(),
  patience: fc.option(
    fc.integer({ min: 0, max: 20 }).map((k) => k + 0.5),
    { nil: null },
  ),
});

describe('PreemptiveResource (properties)', () => {
  it('grants, preempts and lets customers go exactly as the plain reference does', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(customerArb, { minLength: 4, maxLength: 30, size: '+1' }),
        (capacity, customers) => {
          const env = new Environment();
          const resource = new PreemptiveResource(env, { capacity });
          const actual = simulate(env, kernelSlots(resource), customers);
          const refEnv = new Environment();
          const expected = simulate(refEnv, new ReferenceSlots(refEnv, capacity), customers);
          expect(actual).toEqual(expected);
          expect(resource.count).toBe(0);
          expect(resource.queueLength).toBe(0);
        },
      ),
      { seed: 16, numRuns: 300 },
    );
  });

  it('never has more holders than slots, never idles a slot while someone waits, and never leaves a due preemption undone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(customerArb, { minLength: 4, maxLength: 30, size: '+1' }),
        (capacity, customers) => {
          const env = new Environment();
          const resource = new PreemptiveResource(env, { capacity });
          const violations: string[] = [];
          env.onTrace(() => {
            const users = resource.users;
            if (resource.count > capacity) violations.push(`count ${resource.count} > ${capacity} at ${env.now}`);
            if (users.length !== resource.count) violations.push(`users ${users.length} != count at ${env.now}`);
            if (new Set(users).size !== users.length) violations.push(`a request holds two slots at ${env.now}`);
            if (users.some((u) => !u.isGranted)) violations.push(`a user is not granted at ${env.now}`);
            if (resource.queueLength > 0 && resource.count < capacity) violations.push(`idle slot at ${env.now}`);
          });
          simulate(env, kernelSlots(resource), customers);
          expect(violations).toEqual([]);
        },
      ),
      { seed: 61, numRuns: 200 },
    );
  });
});
