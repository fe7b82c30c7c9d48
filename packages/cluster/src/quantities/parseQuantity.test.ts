import { describe, expect, it } from 'vitest';
import { MAX_DURATION, parseDuration } from './parseDuration.js';
import { parseQuantity } from './parseQuantity.js';

describe('parseQuantity', () => {
  const MIB = 1024 * 1024;

  // Kubernetes' meaning: cpu in cores, memory in bytes, suffixes as resource.Quantity defines them.
  // Berth's units: cpu in millicores, memory in MiB, other resources in units.
  it.each([
    // cpu: a plain number is cores, as in a Kubernetes manifest; `m` is millicores.
    ['cpu', 2, 2000],
    ['cpu', '2', 2000],
    ['cpu', 0.5, 500],
    ['cpu', '0.5', 500],
    ['cpu', '.5', 500], // Kubernetes' <number> ::= .<digits>
    ['cpu', '2.', 2000], // ... and <digits>.
    ['cpu', '+1', 1000], // <signedNumber> ::= <sign><number>
    ['cpu', '500m', 500],
    ['cpu', '0.25', 250],
    ['cpu', '1500m', 1500],
    ['cpu', '1e3', 1_000_000], // a decimal exponent: 1e3 cores = 10^6 millicores
    ['cpu', '2e0', 2000],
    ['cpu', '5E-1', 500],
    ['cpu', 0, 0],
    // memory: a plain number, or text without a suffix, is bytes.
    ['memory', 1_073_741_824, 1024],
    ['memory', '1073741824', 1024],
    ['memory', 512, 512 / MIB],
    ['memory', '1Ki', 1 / 1024],
    ['memory', '512Mi', 512],
    ['memory', '4Gi', 4096],
    ['memory', '1.5Gi', 1536], // Kubernetes' own example: 1.5Gi is 1536Mi
    ['memory', '2Ti', 2 * 1024 * 1024],
    ['memory', '1Pi', 1024 ** 3],
    ['memory', '128k', 128e3 / MIB],
    ['memory', '1M', 1e6 / MIB],
    ['memory', '1G', 1e9 / MIB],
    ['memory', '1T', 1e12 / MIB],
    ['memory', '1P', 1e15 / MIB],
    ['memory', '0.5E', 0.5e18 / MIB],
    ['memory', '1e9', 1e9 / MIB],
    ['memory', '1500m', 1.5 / MIB], // milli-bytes: valid in Kubernetes, a warning in Berth
    // other resources: counts, with the same suffixes.
    ['gpu', '2', 2],
    ['gpu', 1, 1],
    ['example.com/foo', '500m', 0.5],
    ['example.com/foo', '3m', 0.003],
    ['example.com/foo', '1k', 1000],
    ['example.com/foo', '1Ki', 1024],
  ] as const)('%s %s → %d', (resource, input, expected) => {
    expect(parseQuantity(resource, input)).toBeCloseTo(expected, 9);
  });

  it('gives exact milli-values', () => {
    expect(parseQuantity('example.com/foo', '3m')).toBe(0.003);
    expect(parseQuantity('cpu', 0.1)).toBe(100);
    expect(parseQuantity('memory', '3Gi')).toBe(3072);
  });

  it.each([
    ['cpu', '1Gi', /^cpu is written in cores \('2', '0.5'\) or millicores \('500m'\), got '1Gi'$/],
    ['cpu', '2k', /cpu is written in cores/],
    ['memory', '5Xi', /^unknown memory unit 'Xi' in '5Xi'; use Ki, Mi, Gi, Ti, Pi, Ei \(powers of 1024\)/],
    ['memory', '4K', /^unknown unit 'K' in '4K'; Kubernetes writes 1000 as 'k' and 1024 as 'Ki'$/],
    ['cpu', '1e3m', /^expected a quantity such as '500m' or '2', got '1e3m'$/],
    ['memory', '1e3Mi', /^expected a quantity such as '512Mi' or '4Gi', got '1e3Mi'$/], // exponent or suffix, not both
    ['gpu', '2x', /^unknown unit 'x' in '2x'/],
    ['cpu', 'lots', /expected a quantity such as '500m' or '2', got 'lots'/],
    ['cpu', '', /expected a quantity/],
    ['cpu', '.', /expected a quantity/],
    ['cpu', -1, /^expected a non-negative quantity, got -1$/],
    ['memory', '-1Gi', /^expected a non-negative quantity, got '-1Gi'$/],
    ['cpu', Number.NaN, /non-negative/],
    // Issue 15: these overflowed to Infinity and were accepted (`--json` printed null).
    ['cpu', '1e400', /^'1e400' is too large: at most 1000000000000 millicores of cpu$/],
    ['memory', '1e400', /^'1e400' is too large: at most 1000000000000 MiB of memory$/],
    ['memory', '1Ei', /^'1Ei' is too large: at most 1000000000000 MiB of memory$/],
    ['cpu', 1e308, /^1e\+308 is too large/],
    ['cpu', 1e9 + 1, /^1000000001 is too large/], // a billion cores and one
    ['gpu', '2e12', /^'2e12' is too large: at most 1000000000000 units of gpu$/],
  ] as const)('%s %s is rejected', (resource, input, message) => {
    expect(parseQuantity(resource, input)).toMatch(message);
  });

  it('takes a billion cores, and no more', () => {
    expect(parseQuantity('cpu', 1e9)).toBe(1e12);
    expect(parseQuantity('cpu', '1000000001')).toMatch(/too large/);
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
