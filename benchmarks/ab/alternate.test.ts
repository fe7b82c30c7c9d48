import { describe, expect, it } from 'vitest';
import { CURRENT_CLUSTER } from '../cluster/ClusterApi.js';
import { runPlacement } from '../cluster/runPlacement.js';
import { runFailureScenario } from '../failures/runFailureScenario.js';
import { runCallbackModel } from '../kernel/callbackModel.js';
import { runGeneratorModel } from '../kernel/generatorModel.js';
import { CURRENT_KERNEL, type KernelApi } from '../kernel/KernelApi.js';
import { type AbCase, abCases, type CaseRun, SMOKE_SIZES } from './abCases.js';
import { alternate } from './alternate.js';
import type { Side } from './Side.js';

const helpers = { runGeneratorModel, runCallbackModel, runPlacement, runFailureScenario };
const side = (name: 'A' | 'B', kernel: KernelApi = CURRENT_KERNEL): Side => ({
  name,
  label: `side ${name}`,
  kernel,
  cluster: CURRENT_CLUSTER,
  helpers,
});
const A = side('A');
const B = side('B');

/** A case that records who ran when, and reports what `result` gives for the side and the run number. */
function recordingCase(result: (side: Side, run: number) => string = () => 'same', digest?: (side: Side) => string) {
  const calls: string[] = [];
  const abCase: AbCase = {
    id: 'fake',
    title: 'fake case',
    unit: 'things',
    run(s): CaseRun {
      calls.push(s.name);
      return { seconds: 0.5, cpuSeconds: 1, count: s.name === 'A' ? 10 : 20, result: result(s, calls.length) };
    },
    ...(digest === undefined ? {} : { verify: digest }),
  };
  return { abCase, calls };
}

describe('alternate', () => {
  it('runs a warm-up round, then alternates which side goes first, with a yardstick before every run', () => {
    const { abCase, calls } = recordingCase();
    let yardsticks = 0;
    const outcome = alternate(abCase, [A, B], 3, () => {
      yardsticks += 1;
      return 1000 * yardsticks;
    });
    // Warm-up A B, then B A, A B, B A.
    expect(calls.join(' ')).toBe('A B B A A B B A');
    expect(yardsticks).toBe(8);
    // Warm-up runs are not counted; each rate goes with the yardstick run just before it.
    expect(outcome.a).toEqual({ rates: [20, 20, 20], cpuRates: [10, 10, 10], yardstick: [4000, 5000, 8000] });
    expect(outcome.b).toEqual({ rates: [40, 40, 40], cpuRates: [20, 20, 20], yardstick: [3000, 6000, 7000] });
    expect(outcome).toMatchObject({ result: 'same', digest: null, mismatch: null });
  });

  it('checks the digests first and stops before timing anything when they differ', () => {
    const { abCase, calls } = recordingCase(undefined, (s) => `digest ${s.name}`);
    const outcome = alternate(abCase, [A, B], 3, () => 1);
    expect(calls).toEqual([]);
    expect(outcome.mismatch).toEqual({
      reason: 'the event streams differ',
      results: ['A: digest A', 'B: digest B'],
    });
  });

  it('stops when the sides give different results', () => {
    const { abCase, calls } = recordingCase(
      (s) => `result ${s.name}`,
      () => 'same digest',
    );
    const outcome = alternate(abCase, [A, B], 3, () => 1);
    expect(calls).toEqual(['A', 'B']);
    expect(outcome).toMatchObject({
      result: null,
      digest: 'same digest',
      mismatch: { reason: 'the sides gave different results', results: ['A: result A', 'B: result B'] },
    });
  });

  it('stops when one side gives different results from run to run', () => {
    // B's third run (round 1, where B goes first) differs from its first.
    const { abCase } = recordingCase((s, run) => (s.name === 'B' && run === 3 ? 'other' : 'same'));
    const outcome = alternate(abCase, [A, B], 3, () => 1);
    expect(outcome.mismatch).toEqual({
      reason: 'side B gave different results in two runs',
      results: ['B, first run: same', 'B, round 1: other'],
    });
  });

  it('catches a real difference: the kernel model on a kernel whose streams are seeded differently', () => {
    const reseeded: KernelApi = { ...CURRENT_KERNEL, createRandom: (seed) => CURRENT_KERNEL.createRandom(`${seed}+1`) };
    const generator = abCases(SMOKE_SIZES).find((c) => c.id === 'generator')!;
    expect(alternate(generator, [A, B], 1, () => 1).mismatch).toBeNull();
    const outcome = alternate(generator, [A, side('B', reseeded)], 1, () => 1);
    expect(outcome.mismatch?.reason).toBe('the sides gave different results');
    const [a, b] = outcome.mismatch!.results;
    expect(a).toMatch(/^A: 1000 events, end \d/);
    expect(b).toMatch(/^B: 1000 events, end \d/);
    expect(a.slice(3)).not.toBe(b.slice(3));
  });
});
