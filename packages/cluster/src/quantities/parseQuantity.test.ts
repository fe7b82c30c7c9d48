import { describe, expect, it } from 'vitest';
import { MAX_DURATION, parseDuration } from './parseDuration.js';
import { parseQuantity } from './parseQuantity.js';

describe('parseQuantity', () => {
  it.each([
    ['cpu', '500m', 500],
    ['cpu', '2', 2000],
    ['cpu', '0.25', 250],
    ['cpu', 750, 750],
    ['memory', '512Mi', 512],
    ['memory', '4Gi', 4096],
    ['memory', '1Ki', 1 / 1024],
    ['memory', '1G', 1e9 / (1024 * 1024)],
    ['memory', 300, 300],
    ['gpu', '2', 2],
    ['gpu', 1, 1],
  ] as const)('%s %s → %d', (resource, input, expected) => {
    expect(parseQuantity(resource, input)).toBeCloseTo(expected, 9);
  });

  it.each([
    ['cpu', '1Gi', /cpu is written in cores/],
    ['memory', '512', /memory needs a unit/],
    ['memory', '5Xi', /unknown memory unit 'Xi'/],
    ['cpu', 'lots', /expected a quantity such as '500m' or '2', got 'lots'/],
    ['cpu', -1, /non-negative/],
    // Issue 15: these overflowed to Infinity and were accepted (`--json` printed null).
    ['cpu', '1e400', /^'1e400' is too large: at most 1000000000000 millicores of cpu$/],
    ['memory', '1e305Ti', /^'1e305Ti' is too large: at most 1000000000000 MiB of memory$/],
    ['cpu', 1e308, /^1e\+308 is too large/],
    ['gpu', '2e12', /^'2e12' is too large: at most 1000000000000 units of gpu$/],
  ] as const)('%s %s is rejected', (resource, input, message) => {
    expect(parseQuantity(resource, input)).toMatch(message);
  });
});

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['10s', 10_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1m30s', 90_000],
    ['1.5s', 1500],
    [42, 42],
  ] as const)('%s → %d ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it('rejects text that is not a duration', () => {
    expect(parseDuration('10 minutes')).toMatch(/expected a duration/);
    expect(parseDuration('5x')).toMatch(/expected a duration/);
    expect(parseDuration(-3)).toMatch(/non-negative/);
  });

  // Issue 15: a 400-digit duration was Infinity, accepted, and failed later under an internal name.
  it('refuses a duration longer than MAX_DURATION, text or number', () => {
    expect(parseDuration(`${'9'.repeat(400)}ms`)).toBe(
      "'9999999999999999999999999999999999999...' is too long: at most 1000000000000000 ms (about 31,700 years)",
    );
    expect(parseDuration(1e300)).toMatch(/^1e\+300 is too long/);
    expect(parseDuration(MAX_DURATION)).toBe(MAX_DURATION);
    expect(parseDuration('11574074d')).toBe(11_574_074 * 86_400_000);
  });
});
