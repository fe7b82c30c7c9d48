// Closed forms for lesson 7: mean time in system (and p99 where it is simple) of Poisson arrivals at
// utilisation ρ spread over replicas that serve one request at a time, exponential service of mean `s`.

// #region mm1
/** Random routing: each replica is an M/M/1 queue. Its time in system is exponential, of mean s / (1 − ρ). */
export function randomMean(rho: number, s: number): number {
  return s / (1 - rho);
}

/** An exponential's 99th percentile is ln(100) ≈ 4.6 times its mean. */
export function exponentialP99(mean: number): number {
  return mean * Math.log(100);
}
// #endregion

// #region enm1
/**
 * Round robin over n replicas: each sees every n-th arrival, Erlang-n gaps, an E_n/M/1 queue. Its
 * time in system is exponential, of mean s / (1 − σ), where σ solves σ = (nρ / (nρ + 1 − σ))^n.
 */
export function roundRobinMean(rho: number, s: number, n: number): number {
  let sigma = 0;
  for (let previous = -1; Math.abs(sigma - previous) > 1e-12; ) {
    previous = sigma;
    sigma = ((n * rho) / (n * rho + 1 - sigma)) ** n;
  }
  return s / (1 - sigma);
}
// #endregion

// #region supermarket
/**
 * The power of d choices in the limit of many replicas (Mitzenmacher 2001): a fraction ρ^((dⁱ − 1)/(d − 1))
 * of the replicas hold i or more requests (ρ^(2ⁱ − 1) for d = 2), so by Little's law the mean time in
 * system is s · Σ_{i≥1} ρ^((dⁱ − d)/(d − 1)) = s · (1 + ρ² + ρ⁶ + ρ¹⁴ + …) for d = 2.
 */
export function supermarketMean(rho: number, s: number, d = 2): number {
  let sum = 0;
  for (let i = 1; i < 64; i++) {
    const term = rho ** ((d ** i - d) / (d - 1));
    sum += term;
    if (term < 1e-12) break;
  }
  return s * sum;
}
// #endregion

// #region erlangc
/**
 * One shared queue in front of c replicas: the M/M/c queue. Erlang's C formula is the chance that a
 * request waits; those that wait, wait s / (c(1 − ρ)) on average.
 */
export function sharedQueueMean(rho: number, s: number, c: number): number {
  const a = c * rho; // offered load in erlangs
  let term = 1; // a^k / k!
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = ((term * a) / c) * (1 / (1 - rho)); // a^c / c! · 1 / (1 − ρ)
  const waits = top / (sum + top);
  return s + (waits * s) / (c * (1 - rho));
}
// #endregion

// #region theory
/** Each policy's closed form: mean time in system at utilisation ρ on n replicas of mean service time s. */
export const THEORY = {
  random: (rho: number, s: number) => randomMean(rho, s),
  'round-robin': (rho: number, s: number, n: number) => roundRobinMean(rho, s, n),
  'least-request': (rho: number, s: number) => supermarketMean(rho, s),
  'shared-queue': (rho: number, s: number, n: number) => sharedQueueMean(rho, s, n),
};
// #endregion
