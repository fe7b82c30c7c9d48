import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import type { ProcessGenerator } from '../Process.js';
import type { SimEvent } from '../SimEvent.js';
import { Container } from './Container.js';

/** One scripted transfer: at `at`, put or get `amount`, giving up after `patience` (null: never). */
interface Step {
  readonly at: number;
  readonly put: boolean;
  readonly amount: number;
  readonly patience: number | null;
}

interface Handle {
  readonly event: SimEvent<unknown>;
  cancel(): void;
}
interface Tank {
  put(amount: number): Handle;
  get(amount: number): Handle;
  readonly level: number;
}

/**
 * SimPy's Container as plainly as possible: puts and gets in arrays, each served from the front while
 * the first one fits, both sides looked at again until nothing moves.
 */
class ReferenceTank implements Tank {
  private readonly puts: Array<{ amount: number; event: SimEvent<unknown> }> = [];
  private readonly gets: Array<{ amount: number; event: SimEvent<unknown> }> = [];
  constructor(
    private readonly env: Environment,
    private readonly capacity: number,
    public level: number,
  ) {}

  put(amount: number): Handle {
    return this.add(this.puts, amount);
  }

  get(amount: number): Handle {
    return this.add(this.gets, amount);
  }

  private add(list: Array<{ amount: number; event: SimEvent<unknown> }>, amount: number): Handle {
    const entry = { amount, event: this.env.event() };
    list.push(entry);
    this.settle();
    return {
      event: entry.event,
      cancel: () => {
        const i = list.indexOf(entry);
        if (i >= 0) list.splice(i, 1);
        this.settle();
      },
    };
  }

  private settle(): void {
    for (let moved = true; moved; ) {
      moved = false;
      while (this.puts.length > 0 && this.capacity - this.level >= this.puts[0]!.amount) {
        const put = this.puts.shift()!;
        this.level += put.amount;
        put.event.succeed();
        moved = true;
      }
      while (this.gets.length > 0 && this.level >= this.gets[0]!.amount) {
        const get = this.gets.shift()!;
        this.level -= get.amount;
        get.event.succeed();
        moved = true;
      }
    }
  }
}

function kernelTank(container: Container): Tank {
  const wrap = (transfer: ReturnType<Container['put']>): Handle => ({
    event: transfer,
    cancel: () => transfer.cancel(),
  });
  return {
    put: (amount) => wrap(container.put(amount)),
    get: (amount) => wrap(container.get(amount)),
    get level() {
      return container.level;
    },
  };
}

/** Runs the transfers and logs when each is done or given up, with the level after the run. */
function simulate(env: Environment, tank: Tank, steps: readonly Step[]): string[] {
  const log: string[] = [];
  steps.forEach((step, i) => {
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(step.at);
        const handle = step.put ? tank.put(step.amount) : tank.get(step.amount);
        if (step.patience === null) yield handle.event;
        else {
          yield env.anyOf([handle.event, env.timeout(step.patience)]);
          if (!handle.event.triggered) {
            handle.cancel();
            log.push(`${env.now} #${i} gave up`);
            return;
          }
        }
        log.push(`${env.now} #${i} ${step.put ? 'put' : 'got'} ${step.amount}`);
      })(),
    );
  });
  env.run();
  log.push(`level ${tank.level}`);
  return log;
}

const CAPACITY = 10;
const stepArb = (amount: fc.Arbitrary<number>) =>
  fc.record({
    at: fc.integer({ min: 0, max: 10 }),
    put: fc.boolean(),
    amount,
    patience: fc.option(
      fc.integer({ min: 0, max: 6 }).map((k) => k + 0.5),
      { nil: null },
    ),
  });

describe('Container (properties)', () => {
  it('moves the same amounts at the same times as the plain reference', () => {
    // Whole amounts: sums are exact, so the two levels must agree to the last bit.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: CAPACITY }),
        fc.array(stepArb(fc.integer({ min: 1, max: CAPACITY })), { minLength: 2, maxLength: 30, size: '+1' }),
        (initial, steps) => {
          const env = new Environment();
          const actual = simulate(env, kernelTank(new Container(env, { capacity: CAPACITY, initial })), steps);
          const refEnv = new Environment();
          const expected = simulate(refEnv, new ReferenceTank(refEnv, CAPACITY, initial), steps);
          expect(actual).toEqual(expected);
        },
      ),
      { seed: 9, numRuns: 300 },
    );
  });

  it('keeps its level within [0, capacity] with fractional amounts', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: CAPACITY, noNaN: true }),
        fc.array(stepArb(fc.double({ min: 1e-9, max: CAPACITY, noNaN: true })), { maxLength: 40, size: '+1' }),
        (initial, steps) => {
          const env = new Environment();
          const tank = new Container(env, { capacity: CAPACITY, initial });
          const violations: string[] = [];
          env.onTrace(() => {
            if (!(tank.level >= 0 && tank.level <= CAPACITY)) violations.push(`level ${tank.level} at ${env.now}`);
          });
          simulate(env, kernelTank(tank), steps);
          expect(violations).toEqual([]);
          expect(tank.level >= 0 && tank.level <= CAPACITY).toBe(true);
        },
      ),
      { seed: 10, numRuns: 300 },
    );
  });
});
