import type { AbCase, CaseRun } from './abCases.js';
import type { Side } from './Side.js';

/** The rates one side reached, one entry per timed round. */
export interface SideRates {
  /** The case's unit per second of wall time. */
  readonly rates: number[];
  /** The case's unit per second of the process's CPU time. */
  readonly cpuRates: number[];
  /** Bare-loop events per second of the yardstick run just before each of the side's runs. */
  readonly yardstick: number[];
}

/** Everything measured for one case, or why nothing is to be compared. */
export interface CaseOutcome {
  readonly abCase: AbCase;
  readonly a: SideRates;
  readonly b: SideRates;
  /** The result both sides produced (every run agreed), or null when they disagreed. */
  readonly result: string | null;
  /** The event-stream digest both sides produced, when the case has a deeper check. */
  readonly digest: string | null;
  /** When the runs disagreed: how, and what each side produced. Then no ratio may be printed. */
  readonly mismatch: Mismatch | null;
}

/** Two results that should have been equal. */
export interface Mismatch {
  /** Which comparison failed: the event streams, the sides' results, or one side from run to run. */
  readonly reason: string;
  /** The two results, each labelled with where it came from. */
  readonly results: readonly [string, string];
}

/** One yardstick run: bare-loop events per second. */
export type Yardstick = () => number;

/** Called after every run; `round` 0 is the warm-up. */
export type RunListener = (abCase: AbCase, side: Side, round: number, run: CaseRun, yardstick: number) => void;

/**
 * Runs one case on both sides: first the deeper check on each side (when the case has one), then one
 * warm-up round and `rounds` timed rounds. The sides alternate which goes first from one round to the next
 * (A B, B A, A B ...), so that neither always runs on a heap or a CPU left warm by the other, and each run
 * is preceded by a yardstick run, so that each side's rate can be set against the machine's speed at that
 * moment. Garbage is collected before every run (with --expose-gc). Every run's result must equal the
 * side's first, and the sides' first results must be equal; at the first disagreement the case stops
 * and reports what each side produced.
 */
export function alternate(
  abCase: AbCase,
  sides: readonly [Side, Side],
  rounds: number,
  yardstick: Yardstick,
  onRun?: RunListener,
): CaseOutcome {
  const [sideA, sideB] = sides;
  const a: SideRates = { rates: [], cpuRates: [], yardstick: [] };
  const b: SideRates = { rates: [], cpuRates: [], yardstick: [] };
  const stopped = (mismatch: Mismatch, digest: string | null): CaseOutcome => ({
    abCase,
    a,
    b,
    result: null,
    digest,
    mismatch,
  });
  let digest: string | null = null;
  if (abCase.verify !== undefined) {
    const digestA = abCase.verify(sideA);
    const digestB = abCase.verify(sideB);
    if (digestA !== digestB)
      return stopped({ reason: 'the event streams differ', results: [`A: ${digestA}`, `B: ${digestB}`] }, null);
    digest = digestA;
  }
  const first = new Map<Side, string>();
  for (let round = 0; round <= rounds; round += 1) {
    const order = round % 2 === 0 ? [sideA, sideB] : [sideB, sideA];
    for (const side of order) {
      globalThis.gc?.();
      const bare = yardstick();
      globalThis.gc?.();
      const run = abCase.run(side);
      onRun?.(abCase, side, round, run, bare);
      const before = first.get(side);
      if (before === undefined) first.set(side, run.result);
      else if (run.result !== before) {
        const reason = `side ${side.name} gave different results in two runs`;
        const results = [`${side.name}, first run: ${before}`, `${side.name}, round ${round}: ${run.result}`] as const;
        return stopped({ reason, results }, digest);
      }
      const resultA = first.get(sideA);
      const resultB = first.get(sideB);
      if (resultA !== undefined && resultB !== undefined && resultA !== resultB) {
        return stopped(
          { reason: 'the sides gave different results', results: [`A: ${resultA}`, `B: ${resultB}`] },
          digest,
        );
      }
      if (round === 0) continue;
      const target = side === sideA ? a : b;
      target.rates.push(run.count / run.seconds);
      target.cpuRates.push(run.count / run.cpuSeconds);
      target.yardstick.push(bare);
    }
  }
  return { abCase, a, b, result: first.get(sideA) ?? null, digest, mismatch: null };
}
