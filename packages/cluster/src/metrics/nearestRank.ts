/**
 * The nearest rank of the `p`-th percentile of `n` values, ⌈p·n/100⌉ (at least 1): the sorted position,
 * counted from 1, of the value the percentile reports. A relative 1e-9 is taken off first, so that a
 * percentile written in decimals (99.9 × 1000 / 100 = 999.0000000000001 in binary) does not gain a rank
 * from rounding.
 */
export function nearestRank(p: number, n: number): number {
  const r = (p * n) / 100;
  return Math.max(1, Math.ceil(r - r * 1e-9));
}
