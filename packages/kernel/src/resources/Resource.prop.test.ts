import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Environment } from '../Environment.js';
import type { ProcessGenerator } from '../Process.js';
import { Resource } from './Resource.js';

interface Customer {
  readonly arrival: number;
  readonly hold: number;
  /** How long the customer waits before withdrawing; null = waits for ever. */
  readonly patience: number | null;
}

/**
 * The textbook FIFO c-server queue with reneging: customers in arrival order (ties by index) take the
 * server that frees up first; one who would start after running out of patience leaves instead.
 */
function expectedStarts(capacity: number, customers: readonly Customer[]): Array<number | null> {
  const freeAt = new Array<number>(capacity).fill(0);
  const order = customers.map((_, i) => i).sort((i, j) => customers[i]!.arrival - customers[j]!.arrival || i - j);
  const starts = new Array<number | null>(customers.length).fill(null);
  for (const i of order) {
    const c = customers[i]!;
    const server = freeAt.indexOf(Math.min(...freeAt));
    const start = Math.max(c.arrival, freeAt[server]!);
    if (c.patience !== null && start > c.arrival + c.patience) continue;
    starts[i] = start;
    freeAt[server] = start + c.hold;
  }
  return starts;
}

// Integer arrivals and holds with half-integer patience: a withdrawal never coincides with a grant,
// so the expected outcome does not depend on how same-instant entries are ordered.
const customerArb = fc.record({
  arrival: fc.integer({ min: 0, max: 50 }),
  hold: fc.integer({ min: 0, max: 20 }),
  patience: fc.option(
    fc.integer({ min: 0, max: 30 }).map((k) => k + 0.5),
    { nil: null },
  ),
});

describe('Resource (properties)', () => {
  it('never exceeds its capacity, never idles a slot while someone waits, and grants in FIFO order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(customerArb, { maxLength: 40 }), (capacity, customers) => {
        const env = new Environment();
        const resource = new Resource(env, { capacity });
        const starts = new Array<number | null>(customers.length).fill(null);
        const grantOrder: number[] = [];
        const violations: string[] = [];
        env.onTrace(() => {
          if (resource.count > capacity) violations.push(`count ${resource.count} > ${capacity} at ${env.now}`);
          if (resource.queueLength > 0 && resource.count < capacity) violations.push(`idle slot at ${env.now}`);
        });
        customers.forEach((c, i) => {
          env.process(
            (function* (): ProcessGenerator {
              yield env.timeout(c.arrival);
              const request = resource.request();
              // Grants are recorded as they are processed: resumption order would also reflect the
              // extra agenda hop that anyOf adds for the impatient customers.
              request.onProcessed(() => grantOrder.push(i));
              if (c.patience === null) yield request;
              else {
                yield env.anyOf([request, env.timeout(c.patience)]);
                if (!request.isGranted) {
                  resource.release(request);
                  return;
                }
              }
              starts[i] = env.now;
              yield env.timeout(c.hold);
              resource.release(request);
            })(),
          );
        });
        env.run();

        expect(violations).toEqual([]);
        const expected = expectedStarts(capacity, customers);
        expect(starts).toEqual(expected);
        const fifo = expected
          .map((start, i) => ({ start, i }))
          .filter((s) => s.start !== null)
          .sort((x, y) => customers[x.i]!.arrival - customers[y.i]!.arrival || x.i - y.i)
          .map((s) => s.i);
        expect(grantOrder).toEqual(fifo);
        expect(resource.count).toBe(0);
        expect(resource.queueLength).toBe(0);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
