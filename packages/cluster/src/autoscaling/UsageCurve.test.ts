import { describe, expect, it } from 'vitest';
import { curveAt, curveIntegral, type UsageCurve } from './UsageCurve.js';

const DAY = 86_400_000;

/** The integral by the midpoint rule over `n` slices, to compare with the closed forms. */
function numeric(curve: UsageCurve, from: number, to: number, n = 100_000): number {
  const h = (to - from) / n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += curveAt(curve, from + (i + 0.5) * h);
  return sum * h;
}

describe('UsageCurve', () => {
  it('a diurnal curve peaks at peakAt at mean·(1 + a) and bottoms half a period later at mean·(1 − a)', () => {
    const curve: UsageCurve = { shape: 'diurnal', mean: 1000, amplitude: 0.5, period: DAY, peakAt: 14 * 3_600_000 };
    expect(curveAt(curve, 14 * 3_600_000)).toBeCloseTo(1500, 9);
    expect(curveAt(curve, 2 * 3_600_000)).toBeCloseTo(500, 9);
    // Over a whole period the mean is the mean.
    expect(curveIntegral(curve, 0, DAY) / DAY).toBeCloseTo(1000, 6);
  });

  it('steps hold their value from their time on', () => {
    const curve: UsageCurve = {
      shape: 'steps',
      initial: 100,
      steps: [
        { at: 1000, value: 300 },
        { at: 3000, value: 50 },
      ],
    };
    expect([curveAt(curve, 999), curveAt(curve, 1000), curveAt(curve, 2999), curveAt(curve, 5000)]).toEqual([
      100, 300, 300, 50,
    ]);
    // 500 ms at 100, 2000 at 300, 1000 at 50.
    expect(curveIntegral(curve, 500, 4000)).toBe(100 * 500 + 300 * 2000 + 50 * 1000);
  });

  it('closed-form integrals agree with the midpoint rule on arbitrary intervals', () => {
    const curves: UsageCurve[] = [
      { shape: 'constant', value: 250 },
      { shape: 'diurnal', mean: 2000, amplitude: 0.8, period: DAY, peakAt: 50_400_000 },
      {
        shape: 'steps',
        initial: 0,
        steps: [
          { at: 7_000, value: 900 },
          { at: 40_000, value: 10 },
        ],
      },
    ];
    for (const curve of curves) {
      for (const [from, to] of [
        [0, 60_000],
        [3_000, 45_000],
        [10_000_000, 70_000_000],
      ] as const) {
        const exact = curveIntegral(curve, from, to);
        // The midpoint rule errs by at most a jump times a slice at each step (jumps below 1000 here), and
        // by O(h²) on the cosine, far below 1e-6 relative.
        const slice = (to - from) / 100_000;
        const tolerance = 1e-6 * Math.abs(exact) + (curve.shape === 'steps' ? 2 * 1000 * slice : 1e-6);
        expect(Math.abs(exact - numeric(curve, from, to))).toBeLessThanOrEqual(tolerance);
      }
    }
  });
});
