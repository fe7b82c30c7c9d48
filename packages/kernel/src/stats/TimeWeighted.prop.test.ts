import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeWeighted } from './TimeWeighted.js';

/** A signal as steps: wait `dt` ms, then set `value`. */
const steps = fc.array(
  fc.record({
    dt: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e4, noNaN: true })),
    value: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
  }),
  { maxLength: 40 },
);

describe('TimeWeighted properties', () => {
  it('the mean lies between min and max, and the integral is the sum of value × duration', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        steps,
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        (initial, ss, tail) => {
          const clock = { now: 0 };
          const s = new TimeWeighted(clock, initial);
          let value = initial;
          let integral = 0;
          for (const { dt, value: next } of ss) {
            integral += value * dt;
            clock.now += dt;
            s.set(next);
            value = next;
          }
          integral += value * tail;
          clock.now += tail;
          const m = s.mean();
          const slack = 1e-9 * Math.max(1, Math.abs(s.min), Math.abs(s.max));
          expect(m).toBeGreaterThanOrEqual(s.min - slack);
          expect(m).toBeLessThanOrEqual(s.max + slack);
          expect(Math.abs(s.integral() - integral)).toBeLessThanOrEqual(1e-9 * Math.max(1, 1e3 * clock.now));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});
