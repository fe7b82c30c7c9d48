import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from './createRandom.js';
import { empiricalFromSamples } from './Empirical.js';
import type { RandomStream } from './RandomStream.js';

const seed = fc.oneof(fc.string(), fc.integer());
const name = fc.string({ minLength: 1, maxLength: 12 });

/** One call of every kind a consumer might make, so properties cover the normal pair cache too. */
type Op = 'next' | 'exponential' | 'normal' | 'lognormal' | 'poisson-small' | 'poisson-large' | 'integer' | 'choice';
const op = fc.constantFrom<Op>(
  'next',
  'exponential',
  'normal',
  'lognormal',
  'poisson-small',
  'poisson-large',
  'integer',
  'choice',
);

function apply(s: RandomStream, o: Op): number {
  switch (o) {
    case 'next':
      return s.next();
    case 'exponential':
      return s.exponential(3);
    case 'normal':
      return s.normal(0, 1);
    case 'lognormal':
      return s.lognormal(0, 1);
    case 'poisson-small':
      return s.poisson(2);
    case 'poisson-large':
      return s.poisson(80);
    case 'integer':
      return s.integer(0, 100);
    case 'choice':
      return s.choice([10, 20, 30], [1, 0, 2]);
  }
}

function run(s: RandomStream, ops: ReadonlyArray<Op>): number[] {
  return ops.map((o) => apply(s, o));
}

describe('RandomStream properties', () => {
  it('the same seed and name give identical sequences', () => {
    fc.assert(
      fc.property(seed, name, fc.array(op, { maxLength: 40 }), (sd, n, ops) => {
        expect(run(createRandom(sd).stream(n), ops)).toEqual(run(createRandom(sd).stream(n), ops));
      }),
      { seed: 42 },
    );
  });

  it("drawing from stream A in between does not change stream B's draws", () => {
    fc.assert(
      fc.property(
        seed,
        fc.uniqueArray(name, { minLength: 2, maxLength: 2 }),
        fc.array(fc.tuple(fc.boolean(), op), { maxLength: 60 }),
        (sd, [nameA, nameB], schedule) => {
          const alone = createRandom(sd).stream(nameB!);
          const expected = schedule.filter(([toB]) => toB).map(([, o]) => apply(alone, o));
          // B created after A and A drawn from at arbitrary points in between B's draws.
          const rng = createRandom(sd);
          const a = rng.stream(nameA!);
          a.next();
          const b = rng.stream(nameB!);
          const got: number[] = [];
          for (const [toB, o] of schedule) {
            if (toB) got.push(apply(b, o));
            else apply(a, o);
          }
          expect(got).toEqual(expected);
        },
      ),
      { seed: 42 },
    );
  });

  it('saveState / restoreState (through JSON) replays exactly', () => {
    fc.assert(
      fc.property(
        seed,
        name,
        fc.array(op, { maxLength: 30 }),
        fc.array(op, { maxLength: 30 }),
        (sd, n, before, after) => {
          const s = createRandom(sd).stream(n);
          run(s, before);
          const saved = JSON.parse(JSON.stringify(s.saveState()));
          const first = run(s, after);
          s.restoreState(saved);
          expect(run(s, after)).toEqual(first);
          const elsewhere = createRandom(sd).stream(n);
          elsewhere.restoreState(saved);
          expect(run(elsewhere, after)).toEqual(first);
        },
      ),
      { seed: 42 },
    );
  });

  it("child streams do not depend on the parent's consumption", () => {
    fc.assert(
      fc.property(seed, name, name, fc.array(op, { maxLength: 30 }), (sd, parent, child, ops) => {
        const used = createRandom(sd).stream(parent);
        run(used, ops);
        const fresh = createRandom(sd).stream(parent);
        expect(run(used.stream(child), ['next', 'normal', 'next'])).toEqual(
          run(fresh.stream(child), ['next', 'normal', 'next']),
        );
      }),
      { seed: 42 },
    );
  });

  it('different names start different sequences', () => {
    fc.assert(
      fc.property(seed, fc.uniqueArray(name, { minLength: 2, maxLength: 2 }), (sd, [a, b]) => {
        const rng = createRandom(sd);
        expect(run(rng.stream(a!), ['next', 'next'])).not.toEqual(run(rng.stream(b!), ['next', 'next']));
      }),
      { seed: 42 },
    );
  });

  it('weightedIndex stays in range and never draws a zero weight', () => {
    const weights = fc
      .array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 20 })
      .filter((ws) => ws.some((w) => w > 0));
    fc.assert(
      fc.property(seed, weights, (sd, ws) => {
        const s = createRandom(sd).stream('weights');
        for (let i = 0; i < 20; i++) {
          const k = s.weightedIndex(ws);
          expect(k >= 0 && k < ws.length && ws[k]! > 0).toBe(true);
        }
      }),
      { seed: 42 },
    );
  });

  it('integer and uniform stay in their ranges', () => {
    fc.assert(
      fc.property(
        seed,
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (sd, min, width, lo, span) => {
          const s = createRandom(sd).stream('ranges');
          for (let i = 0; i < 20; i++) {
            const k = s.integer(min, min + width);
            expect(Number.isInteger(k) && k >= min && k < min + width).toBe(true);
            const x = s.uniform(lo, lo + span);
            expect(x >= lo && (x < lo + span || x === lo)).toBe(true);
          }
        },
      ),
      { seed: 42 },
    );
  });

  it('shuffle returns a permutation of its input', () => {
    fc.assert(
      fc.property(seed, fc.array(fc.integer(), { maxLength: 30 }), (sd, items) => {
        const copy = [...items];
        createRandom(sd).stream('shuffle').shuffle(copy);
        expect([...copy].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
      { seed: 42 },
    );
  });

  it('empiricalFromSamples draws within [min, max] of its samples', () => {
    fc.assert(
      fc.property(
        seed,
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (sd, xs) => {
          const d = empiricalFromSamples(xs);
          const s = createRandom(sd).stream('empirical');
          for (let i = 0; i < 20; i++) {
            const x = d.sample(s);
            expect(x >= Math.min(...xs) && x <= Math.max(...xs)).toBe(true);
          }
        },
      ),
      { seed: 42 },
    );
  });
});
