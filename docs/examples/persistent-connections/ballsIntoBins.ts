// Closed forms for lesson 9: k connections, each to a replica drawn uniformly at random from n, as
// kube-proxy draws them ("balls into bins").

// #region idle
/** Expected share of the n replicas that get none of k connections: (1 − 1/n)^k. */
export function idleShare(k: number, n: number): number {
  return (1 - 1 / n) ** k;
}
// #endregion

// #region busiest
/**
 * Expected imbalance, the busiest replica's connections over the mean (k / n), when every connection
 * carries the same traffic. E[max] = Σ_{m≥0} P(max > m), and P(max ≤ m) is computed replica by replica:
 * of the r connections left for the last j replicas, the first gets Binomial(r, 1/j) of them.
 */
export function expectedImbalance(k: number, n: number): number {
  let expectedMax = 0;
  for (let m = 0; m < k; m++) {
    // fits[r]: probability that r connections spread over the replicas considered so far put at most m on each.
    let fits: number[] = Array.from({ length: k + 1 }, (_, r) => (r <= m ? 1 : 0));
    for (let j = 2; j <= n; j++) {
      const next = new Array<number>(k + 1).fill(0);
      for (let r = 0; r <= k; r++) {
        let p = (1 - 1 / j) ** r; // Binomial(r, 1/j) at 0, then each next term by the ratio
        for (let a = 0; a <= Math.min(m, r); a++) {
          next[r]! += p * fits[r - a]!;
          p *= ((r - a) / (a + 1)) * (1 / j / (1 - 1 / j));
        }
      }
      fits = next;
    }
    const atMostM = fits[k]!;
    expectedMax += 1 - atMostM;
    if (1 - atMostM < 1e-12) break;
  }
  return expectedMax / (k / n);
}
// #endregion
