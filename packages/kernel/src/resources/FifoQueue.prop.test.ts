import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FifoQueue } from './FifoQueue.js';

describe('FifoQueue', () => {
  it('behaves like an array used with push and shift, across compactions', () => {
    // Runs of pushes and shifts long enough to cross the compaction threshold several times.
    const operation = fc.oneof(
      fc.record({ push: fc.integer({ min: 1, max: 200 }) }),
      fc.record({ shift: fc.integer({ min: 1, max: 200 }) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const queue = new FifoQueue<number>();
        const model: number[] = [];
        let next = 0;
        for (const op of operations) {
          if ('push' in op) {
            for (let i = 0; i < op.push; i++) {
              queue.push(next);
              model.push(next++);
            }
          } else {
            const got: Array<number | undefined> = [];
            const want: Array<number | undefined> = [];
            for (let i = 0; i < op.shift; i++) {
              got.push(queue.shift());
              want.push(model.shift());
            }
            expect(got).toEqual(want);
          }
          expect(queue.length).toBe(model.length);
          expect(queue.peek()).toBe(model[0]);
        }
        expect(queue.toArray()).toEqual(model);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
