import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NORMAL } from './Agenda.js';
import type { Callback } from './Callback.js';
import { Environment } from './Environment.js';
import { Interrupt } from './Interrupt.js';
import type { Process, ProcessGenerator } from './Process.js';
import type { SimEvent } from './SimEvent.js';

/** Agenda key of a queued node as the test itself tracks it, independently of the kernel's numbering. */
interface Key {
  readonly at: number;
  readonly priority: number;
  readonly order: number;
}

function less(a: Key, b: Key): boolean {
  return (a.at - b.at || a.priority - b.priority || a.order - b.order) < 0;
}

/**
 * A random program of callbacks and timeouts. When node i runs it may cancel another node, then it
 * schedules its children (the nodes whose parent is i). Small delays and priorities make ties common.
 */
interface Node {
  readonly kind: 'callback' | 'timeout';
  readonly delay: number;
  readonly priority: number;
  /** Folded into -1 (a root) .. i-1 (an earlier node), so the program is a forest. */
  readonly parent: number;
  /** Index (modulo the program size) of a node to cancel when this one runs. */
  readonly cancel: number | undefined;
}

const node: fc.Arbitrary<Node> = fc.record({
  kind: fc.constantFrom('callback' as const, 'timeout' as const),
  delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 50, noNaN: true })),
  priority: fc.integer({ min: 0, max: 2 }),
  parent: fc.nat(),
  cancel: fc.option(fc.nat(), { nil: undefined, freq: 3 }),
});

describe('Environment agenda semantics (property)', () => {
  it('runs every entry once, as the least queued entry, never after cancellation, and time never decreases', () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 80, size: 'medium' }), (nodes) => {
        const env = new Environment();
        const children = nodes.map((): number[] => []);
        const roots: number[] = [];
        nodes.forEach((n, i) => {
          const p = (n.parent % (i + 1)) - 1;
          if (p < 0) roots.push(i);
          else children[p]!.push(i);
        });
        const handles: Array<Callback | SimEvent<unknown> | undefined> = [];
        const queued = new Map<number, Key>();
        const ran = new Set<number>();
        const cancelled = new Set<number>();
        let order = 0;
        let lastNow = env.now;
        env.onTrace((entry) => {
          expect(entry.at).toBeGreaterThanOrEqual(lastNow);
          lastNow = entry.at;
        });

        const run = (i: number): void => {
          const key = queued.get(i);
          expect(key, `node ${i} ran although it was not queued`).toBeDefined();
          let dueEarlier: number | undefined;
          for (const [j, other] of queued) if (j !== i && less(other, key!)) dueEarlier = j;
          expect(dueEarlier, `a node was due before node ${i}`).toBeUndefined();
          expect(env.now).toBe(key!.at);
          queued.delete(i);
          ran.add(i);
          const target = nodes[i]!.cancel;
          if (target !== undefined) {
            const t = target % nodes.length;
            const handle = handles[t];
            const cancels = handle === undefined ? false : env.cancel(handle);
            expect(cancels).toBe(queued.has(t));
            if (cancels) {
              queued.delete(t);
              cancelled.add(t);
            }
          }
          for (const c of children[i]!) schedule(c);
        };
        const schedule = (i: number): void => {
          const n = nodes[i]!;
          const priority = n.kind === 'callback' ? n.priority : NORMAL;
          queued.set(i, { at: env.now + n.delay, priority, order: order++ });
          handles[i] =
            n.kind === 'callback'
              ? env.schedule(n.delay, run, i, { priority })
              : env.timeout(n.delay, i).onProcessed((e) => run(e.value));
        };

        for (const r of roots) schedule(r);
        env.run();
        expect(queued.size).toBe(0);
        expect(env.pending).toBe(0);
        for (const c of cancelled) expect(ran.has(c)).toBe(false);
        // Every node that was ever scheduled either ran or was cancelled.
        for (let i = 0; i < nodes.length; i++) {
          if (handles[i] !== undefined) expect(ran.has(i) !== cancelled.has(i)).toBe(true);
        }
      }),
      { seed: 1234, numRuns: 200 },
    );
  });

  it('a reused callback handle fires exactly as a reference queue says under reschedule, cancel, step and run-until', () => {
    type Op =
      | { readonly op: 'reschedule'; readonly h: number; readonly delay: number; readonly priority: number }
      | { readonly op: 'cancel'; readonly h: number }
      | { readonly op: 'step' }
      | { readonly op: 'until'; readonly dt: number };
    const handleIndex = fc.integer({ min: 0, max: 2 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        op: fc.constant('reschedule' as const),
        h: handleIndex,
        delay: fc.integer({ min: 0, max: 5 }),
        priority: fc.integer({ min: 0, max: 2 }),
      }),
      fc.record({ op: fc.constant('cancel' as const), h: handleIndex }),
      fc.record({ op: fc.constant('step' as const) }),
      fc.record({ op: fc.constant('until' as const), dt: fc.integer({ min: 0, max: 6 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60, size: 'medium' }), (ops) => {
        const env = new Environment();
        const fired: Array<[number, number]> = [];
        const expected: Array<[number, number]> = [];
        const queued = new Map<number, Key>();
        let order = 0;
        const handles = [0, 1, 2].map((h) => {
          queued.set(h, { at: 0, priority: NORMAL, order: order++ });
          return env.schedule(0, (x: number) => fired.push([env.now, x]), h);
        });
        const popExpected = (): void => {
          let best: [number, Key] | undefined;
          for (const entry of queued) if (best === undefined || less(entry[1], best[1])) best = entry;
          queued.delete(best![0]);
          expected.push([best![1].at, best![0]]);
        };
        const due = (until: number): boolean => [...queued.values()].some((k) => k.at < until);

        for (const o of ops) {
          switch (o.op) {
            case 'reschedule': {
              const handle = handles[o.h]!;
              if (queued.has(o.h)) {
                expect(() => env.reschedule(handle, o.delay, o.priority)).toThrow(/already scheduled/);
              } else {
                env.reschedule(handle, o.delay, o.priority);
                queued.set(o.h, { at: env.now + o.delay, priority: o.priority, order: order++ });
              }
              expect(handle.scheduled).toBe(true);
              break;
            }
            case 'cancel':
              expect(env.cancel(handles[o.h]!)).toBe(queued.delete(o.h));
              expect(handles[o.h]!.scheduled).toBe(false);
              break;
            case 'step': {
              const nonEmpty = queued.size > 0;
              if (nonEmpty) popExpected();
              expect(env.step()).toBe(nonEmpty);
              break;
            }
            case 'until': {
              const until = env.now + o.dt;
              while (due(until)) popExpected();
              env.run({ until });
              expect(env.now).toBe(until);
              break;
            }
          }
          expect(fired).toEqual(expected);
          expect(env.pending).toBe(queued.size);
        }
        while (queued.size > 0) popExpected();
        env.run();
        expect(fired).toEqual(expected);
      }),
      { seed: 2024, numRuns: 200 },
    );
  });
});

/** One thing a scripted process does next. */
type Action =
  | { readonly t: 'timeout'; readonly d: number }
  | { readonly t: 'wait'; readonly e: number }
  | { readonly t: 'succeed'; readonly e: number }
  | { readonly t: 'fail'; readonly e: number }
  | { readonly t: 'interrupt'; readonly p: number }
  | { readonly t: 'callback'; readonly d: number; readonly priority: number }
  | { readonly t: 'anyOf'; readonly d1: number; readonly d2: number };

interface Scenario {
  readonly events: number;
  readonly processes: ReadonlyArray<ReadonlyArray<Action>>;
}

const small = fc.integer({ min: 0, max: 5 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('timeout' as const), d: small }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('wait' as const), e: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('succeed' as const), e: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('fail' as const), e: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('interrupt' as const), p: fc.nat() }), weight: 1 },
  {
    arbitrary: fc.record({ t: fc.constant('callback' as const), d: small, priority: fc.integer({ min: 0, max: 2 }) }),
    weight: 1,
  },
  { arbitrary: fc.record({ t: fc.constant('anyOf' as const), d1: small, d2: small }), weight: 1 },
);
const scenario: fc.Arbitrary<Scenario> = fc.record({
  events: fc.integer({ min: 1, max: 4 }),
  processes: fc.array(fc.array(action, { maxLength: 8 }), { minLength: 1, maxLength: 6 }),
});

/** What a run produced: every executed entry and what the processes saw, in order. */
type Trace = string[];

/** Builds the scenario in a fresh environment; `trace` fills in as the environment runs. */
function build(s: Scenario): { env: Environment; trace: Trace } {
  const env = new Environment();
  const trace: Trace = [];
  env.onTrace((e) => trace.push(`${e.at} ${e.priority} #${e.seq} ${e.kind} ${e.label ?? '-'}`));
  const events = Array.from({ length: s.events }, () => env.event<string>());
  const processes: Array<Process<void>> = [];
  const log = (line: string): void => {
    trace.push(`  @${env.now} ${line}`);
  };
  function* script(name: string, actions: ReadonlyArray<Action>): ProcessGenerator<void> {
    for (const a of actions) {
      try {
        switch (a.t) {
          case 'timeout':
            yield env.timeout(a.d);
            break;
          case 'wait':
            log(`${name} got ${String(yield events[a.e % s.events]!)}`);
            break;
          case 'succeed': {
            const e = events[a.e % s.events]!;
            if (!e.triggered) e.succeed(`${name}@${env.now}`);
            break;
          }
          case 'fail': {
            const e = events[a.e % s.events]!;
            if (!e.triggered) e.fail(new Error(`${name} failed e${a.e % s.events}`));
            break;
          }
          case 'interrupt': {
            const target = processes[a.p % processes.length]!;
            if (target.isAlive && env.activeProcess !== target) target.interrupt(`${name}@${env.now}`);
            break;
          }
          case 'callback':
            env.schedule(a.d, () => log(`callback of ${name}`), undefined, {
              priority: a.priority,
              name: `${name}-cb`,
            });
            break;
          case 'anyOf': {
            const first = yield env.anyOf([env.timeout(a.d1, 'one'), env.timeout(a.d2, 'two')]);
            log(`${name} anyOf ${JSON.stringify(first)}`);
            break;
          }
        }
      } catch (error) {
        log(`${name} caught ${error instanceof Interrupt ? 'interrupt' : 'error'}: ${(error as Error).message}`);
      }
    }
    log(`${name} done`);
  }
  s.processes.forEach((actions, i) => {
    processes.push(env.process(script(`p${i}`, actions), { name: `p${i}` }));
  });
  return { env, trace };
}

/** Steps the environment once; records and reports an error that stops the run, as `run()` would. */
function stepOrStop(env: Environment, trace: Trace): boolean {
  try {
    return env.step();
  } catch (error) {
    trace.push(`stopped: ${(error as Error).message}`);
    return false;
  }
}

function runAlone(s: Scenario): Trace {
  const { env, trace } = build(s);
  try {
    env.run();
  } catch (error) {
    trace.push(`stopped: ${(error as Error).message}`);
  }
  return trace;
}

describe('Environment determinism (property)', () => {
  it('the same scenario built twice gives an identical trace, in time order', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const first = runAlone(s);
        const second = runAlone(s);
        expect(second).toEqual(first);
        const times = first.filter((line) => /^\d/.test(line)).map((line) => Number(line.split(' ')[0]));
        for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('two environments stepped in any interleaving trace exactly as each does alone', () => {
    fc.assert(
      fc.property(scenario, scenario, fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }), (a, b, pattern) => {
        const aloneA = runAlone(a);
        const aloneB = runAlone(b);
        const x = build(a);
        const y = build(b);
        let liveX = true;
        let liveY = true;
        for (let k = 0; liveX || liveY; k++) {
          const pickX = liveX && (!liveY || pattern[k % pattern.length]!);
          if (pickX) liveX = stepOrStop(x.env, x.trace);
          else liveY = stepOrStop(y.env, y.trace);
        }
        expect(x.trace).toEqual(aloneA);
        expect(y.trace).toEqual(aloneB);
      }),
      { seed: 99, numRuns: 150 },
    );
  });
});
