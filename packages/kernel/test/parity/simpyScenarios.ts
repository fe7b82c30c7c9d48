// The parity scenarios on Berth's kernel: each must print the log that its twin in simpyScenarios.py
// prints under SimPy 3 (see simpyParity.test.ts). Every line starts with the simulated time.
import {
  Container,
  type Environment as Env,
  Environment,
  FilterStore,
  type FirstOf,
  Interrupt,
  Preempted,
  PreemptiveResource,
  PriorityStore,
  type ProcessGenerator,
  type SimEvent,
  SimulationError,
} from '../../src/index.js';

/** One scenario: builds a model, runs it, and returns its log. */
export type Scenario = () => string[];

/** A log whose lines start with the simulated time, and a run that logs why it stopped, as SimPy's twin does. */
class Log {
  readonly lines: string[] = [];
  constructor(private readonly env: Env) {}

  add(text: string): void {
    this.lines.push(`${this.env.now} ${text}`);
  }

  run(until?: number): void {
    try {
      this.env.run(until === undefined ? undefined : { until });
    } catch (error) {
      // SimPy raises the model's own error; Berth wraps it in a SimulationError naming the time.
      const cause = error instanceof SimulationError && error.cause instanceof Error ? error.cause : error;
      this.add(`crash: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
}

function failAt(env: Env, event: SimEvent<unknown>, delay: number, message: string): void {
  env.process(
    (function* (): ProcessGenerator {
      yield env.timeout(delay);
      event.fail(new Error(message));
    })(),
  );
}

function* waiter(log: Log, event: SimEvent<unknown>, name = 'waiter'): ProcessGenerator {
  try {
    const value = yield event;
    log.add(`${name} got ${describe(value)}`);
  } catch (error) {
    log.add(`${name} caught ${(error as Error).message}`);
  }
}

/** A condition's value as the SimPy twin prints it: the members' values in list order. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.join(',')}]`;
  if (typeof value === 'object' && value !== null && 'index' in value) return `[${String((value as FirstOf).value)}]`;
  return String(value);
}

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  // --- errors are never lost ---------------------------------------------------------------------

  allOfSecondFailureAfterDecision() {
    const env = new Environment();
    const log = new Log(env);
    const first = env.event();
    const second = env.event();
    failAt(env, first, 1, 'first');
    failAt(env, second, 2, 'second');
    env.process(waiter(log, env.allOf([first, second])));
    log.run();
    return log.lines;
  },

  anyOfFailureAfterDecision() {
    const env = new Environment();
    const log = new Log(env);
    const late = env.event();
    failAt(env, late, 3, 'too late');
    env.process(waiter(log, env.anyOf([env.timeout(1, 'on time'), late])));
    log.run();
    return log.lines;
  },

  anyOfFailureAtDecisionInstant() {
    const env = new Environment();
    const log = new Log(env);
    const broken = env.event();
    failAt(env, broken, 1, 'same instant');
    env.process(waiter(log, env.anyOf([env.timeout(1, 'first'), broken])));
    log.run();
    return log.lines;
  },

  anyOfFailureBeforeDecision() {
    const env = new Environment();
    const log = new Log(env);
    const broken = env.event();
    failAt(env, broken, 1, 'early');
    env.process(waiter(log, env.anyOf([env.timeout(5, 'slow'), broken])));
    log.run();
    return log.lines;
  },

  nestedConditionFailureAfterDecision() {
    const env = new Environment();
    const log = new Log(env);
    const broken = env.event();
    failAt(env, broken, 4, 'inner member');
    const inner = env.allOf([env.timeout(2, 'a'), broken]);
    env.process(waiter(log, env.anyOf([inner, env.timeout(1, 'b')])));
    log.run();
    return log.lines;
  },

  nestedConditionFailureBeforeDecision() {
    const env = new Environment();
    const log = new Log(env);
    const broken = env.event();
    failAt(env, broken, 1, 'inner member');
    const inner = env.allOf([env.timeout(2, 'a'), broken]);
    env.process(waiter(log, env.anyOf([inner, env.timeout(3, 'b')])));
    log.run();
    return log.lines;
  },

  callbackDoesNotDefuse() {
    const env = new Environment();
    const log = new Log(env);
    const event = env.event();
    event.onProcessed((e) => log.add(`callback saw ok=${e.ok}`));
    failAt(env, event, 1, 'boom');
    log.run();
    return log.lines;
  },

  callbackDefuses() {
    const env = new Environment();
    const log = new Log(env);
    const event = env.event();
    event.onProcessed((e) => {
      log.add(`callback defused ${(e.value as Error).message}`);
      e.defuse();
    });
    failAt(env, event, 1, 'boom');
    env.timeout(2);
    log.run();
    log.add('end');
    return log.lines;
  },

  interruptedWaiterLeavesFailureUnhandled() {
    const env = new Environment();
    const log = new Log(env);
    const event = env.event();
    const patient = env.process(
      (function* (): ProcessGenerator {
        try {
          yield event;
        } catch (error) {
          if (!(error instanceof Interrupt)) throw error;
          log.add(`interrupted: ${String(error.cause)}`);
        }
      })(),
    );
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(1);
        patient.interrupt('stop');
      })(),
    );
    failAt(env, event, 2, 'nobody listens');
    log.run();
    return log.lines;
  },

  failedProcessAwaitedByAnother() {
    const env = new Environment();
    const log = new Log(env);
    const crasher = env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(1);
        throw new Error('crashed');
      })(),
    );
    env.process(waiter(log, crasher));
    log.run();
    log.add('end');
    return log.lines;
  },

  // --- delayed start -----------------------------------------------------------------------------

  delayedStart() {
    const env = new Environment();
    const log = new Log(env);
    env.timeout(5).onProcessed(() => log.add('timeout made before'));
    env.process(
      (function* (): ProcessGenerator {
        log.add('started');
        yield env.timeout(1);
        log.add('finished');
      })(),
      { delay: 5 },
    );
    env.timeout(5).onProcessed(() => log.add('timeout made after'));
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(5);
        log.add('process made after');
      })(),
    );
    log.run();
    return log.lines;
  },

  // --- preemption --------------------------------------------------------------------------------

  preemptionBasic() {
    const env = new Environment();
    const log = new Log(env);
    const resource = new PreemptiveResource(env, { capacity: 1 });
    startUsers(env, log, resource, [
      ['low', 0, 2, 10],
      ['high', 3, 1, 4],
      ['mid', 5, 1.5, 2],
    ]);
    log.run();
    return log.lines;
  },

  preemptionRespectsPreemptFalseAndTies() {
    const env = new Environment();
    const log = new Log(env);
    const resource = new PreemptiveResource(env, { capacity: 1 });
    startUsers(env, log, resource, [
      ['first', 0, 5, 10],
      ['polite', 1, 0, 3, false],
      ['same', 2, 5, 1],
      ['tie', 20, 3, 5],
      ['twin', 20, 3, 5],
    ]);
    log.run();
    return log.lines;
  },

  preemptionPicksLeastImportantHolder() {
    const env = new Environment();
    const log = new Log(env);
    const resource = new PreemptiveResource(env, { capacity: 2 });
    startUsers(env, log, resource, [
      ['a', 0, 4, 10],
      ['b', 1, 4, 10],
      ['c', 2, 1, 3],
      ['d', 2, 0, 3],
    ]);
    log.run();
    return log.lines;
  },

  // --- containers and stores ---------------------------------------------------------------------

  containerFifoWithHeadOfLineBlocking() {
    const env = new Environment();
    const log = new Log(env);
    const tank = new Container(env, { capacity: 100, initial: 50 });
    const steps: Array<[string, number, () => SimEvent<unknown>]> = [
      ['get 30', 0, () => tank.get(30)],
      ['get 40', 1, () => tank.get(40)],
      ['get 1', 1.5, () => tank.get(1)],
      ['put 15', 2, () => tank.put(15)],
      ['put 10', 3, () => tank.put(10)],
      ['put 90', 4, () => tank.put(90)],
      ['put 2', 4.5, () => tank.put(2)],
      ['get 4.25', 5, () => tank.get(4.25)],
      ['get 80', 6, () => tank.get(80)],
    ];
    for (const [name, at, make] of steps) {
      env.process(
        (function* (): ProcessGenerator {
          yield env.timeout(at);
          yield make();
          log.add(`${name} done`);
        })(),
      );
    }
    env.process(
      (function* (): ProcessGenerator {
        // Half-way between transfers (see the twin in simpyScenarios.py).
        yield env.timeout(0.25);
        for (let i = 0; i < 8; i += 1) {
          yield env.timeout(1);
          log.add(`level ${tank.level}`);
        }
      })(),
    );
    log.run();
    return log.lines;
  },

  priorityStoreSmallestFirst() {
    const env = new Environment();
    const log = new Log(env);
    const store = new PriorityStore<number>(env, { capacity: 3 });
    env.process(
      (function* (): ProcessGenerator {
        for (const item of [5, 1, 4, 2, 3]) {
          yield store.put(item);
          log.add(`put ${item}`);
        }
      })(),
    );
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(2);
        for (let i = 0; i < 5; i += 1) {
          const item = yield store.get();
          log.add(`got ${String(item)}`);
          yield env.timeout(1);
        }
      })(),
    );
    log.run();
    return log.lines;
  },

  filterStoreServesTheGetThatAccepts() {
    const env = new Environment();
    const log = new Log(env);
    const store = new FilterStore<string>(env, { capacity: 2 });
    const consumer = (name: string, wanted: string, at: number): ProcessGenerator =>
      (function* () {
        yield env.timeout(at);
        const item = yield store.get((item) => item.startsWith(wanted));
        log.add(`${name} got ${String(item)}`);
      })();
    env.process(consumer('wants-a', 'a', 0));
    env.process(consumer('wants-b', 'b', 1));
    env.process(consumer('wants-any', '', 2));
    env.process(
      (function* (): ProcessGenerator {
        for (const item of ['b1', 'a1', 'c1', 'a2', 'b2']) {
          yield env.timeout(1);
          yield store.put(item);
          log.add(`put ${item}`);
        }
      })(),
    );
    log.run();
    log.add(`left ${store.items.join(',')}`);
    return log.lines;
  },
};

/** name, arrival, priority, hold, and whether it may preempt (default true) */
type UserSpec = readonly [string, number, number, number, boolean?];

function startUsers(env: Env, log: Log, resource: PreemptiveResource, specs: readonly UserSpec[]): void {
  for (const [name, arrive, priority, hold, preempt] of specs) {
    env.process(
      (function* (): ProcessGenerator {
        yield env.timeout(arrive);
        using request = resource.request({ priority, preempt: preempt ?? true });
        try {
          yield request;
          log.add(`${name} got the slot`);
          yield env.timeout(hold);
          log.add(`${name} done`);
        } catch (error) {
          if (!(error instanceof Interrupt) || !(error.cause instanceof Preempted)) throw error;
          const { by, usageSince } = error.cause;
          log.add(`${name} preempted by ${by?.label}, held since ${usageSince}`);
        }
      })(),
      { name },
    );
  }
}
