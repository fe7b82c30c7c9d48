/**
 * kube-scheduler's balance of a host's requested fractions (balanced_allocation.go): `int((1 − std) ×
 * 100)` with the population standard deviation of `fractions[0..n)`, whose sum is `total`; for two
 * fractions the standard deviation is `|f1 − f2| / 2`, as kube computes it. 100 for fewer than two.
 */
export function balanceScore(fractions: Float64Array, n: number, total: number): number {
  let std = 0;
  if (n === 2) {
    std = Math.abs((fractions[0]! - fractions[1]!) / 2);
  } else if (n > 2) {
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (fractions[i]! - mean) * (fractions[i]! - mean);
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * 100);
}
