import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuantity, formatResources } from './formatQuantity.js';
import { parseQuantity } from './parseQuantity.js';

describe('formatQuantity', () => {
  it.each([
    ['cpu', 500, '500m'],
    ['cpu', 2000, '2'],
    ['cpu', 1500, '1500m'],
    ['cpu', 0.5, '0.5m'],
    ['cpu', 0, '0'],
    ['memory', 1024 * 1024, '1Ti'],
    ['memory', 1536, '1536Mi'],
    ['memory', 1024, '1Gi'],
    ['memory', 512, '512Mi'],
    ['memory', 0.5, '512Ki'],
    ['memory', 1e9 / (1024 * 1024), '1000000000'],
    ['memory', 0, '0'],
    ['gpu', 2, 2],
  ] as const)('%s %d → %s', (resource, amount, written) => {
    expect(formatQuantity(resource, amount)).toBe(written);
  });

  it('writes what parseQuantity reads back to the same number', () => {
    const amount = fc.oneof(
      fc.integer({ min: 0, max: 1e9 }),
      fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(fc.constantFrom('cpu', 'memory', 'gpu'), amount, (resource, n) => {
        // Below a millionth of a millicore cpu is written in cores, and only approximately.
        fc.pre(resource !== 'cpu' || n === 0 || n >= 1e-6);
        expect(parseQuantity(resource, formatQuantity(resource, n))).toBe(n);
      }),
      { seed: 14, numRuns: 2000 },
    );
  });

  it('writes cpu below a millionth of a millicore in cores', () => {
    const written = formatQuantity('cpu', 5e-7);
    expect(written).toMatch(/^[0-9.]+e-10$/);
    expect(parseQuantity('cpu', written)).toBeCloseTo(5e-7, 15);
  });

  it('formats a record of resources', () => {
    expect(formatResources({ cpu: 250, memory: 2048, gpu: 1 })).toEqual({ cpu: '250m', memory: '2Gi', gpu: 1 });
    expect(formatResources({ cpu: 32_000, memory: 131_072 })).toEqual({ cpu: '32', memory: '128Gi' });
  });
});
