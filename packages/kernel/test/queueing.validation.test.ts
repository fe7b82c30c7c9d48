/**
 * Validation of the kernel against closed-form queueing theory, using nothing but its public API:
 * Environment, processes, Resource and seeded random streams. If the agenda, the processes, the
 * resource's queue or the exponential sampler were wrong, these long-run averages would drift away
 * from the formulas.
 *
 * How the tolerances were chosen. The estimates are averages over N customers of an autocorrelated
 * process, so their error shrinks like 1/sqrt(N) but with a large constant near saturation. For M/M/1,
 * Whitt ("Planning queueing simulations", Management Science 35(11), 1989) gives the asymptotic variance
 * of the time-average number in system; in relative terms, after N customers,
 *     relative standard error of L (and, by Little's law, of W) ≈ sqrt(2(1 + ρ) / ((1 − ρ)² N)).
 * The sample sizes below put every tolerance at 3.3 or more standard errors, so a correct kernel would
 * fail a check with a probability of about 0.1% or less whatever the seed (the seeds are fixed literals,
 * so the test itself is deterministic). The standard errors were also measured: 24 runs of each case with other
 * seeds (5001..5024) gave the spreads quoted beside each case, in line with the formula.
 * A warm-up of N/20 customers (at least 10,000) is discarded first; the relaxation time of these queues
 * is at most a few hundred service times (about 1/(μ(1 − √ρ)²) ≈ 380 for M/M/1 at ρ = 0.9), so the bias
 * of starting empty is gone long before measurement starts.
 */
import { describe, expect, it } from 'vitest';
import { createRandom, Environment, type ProcessGenerator, Resource } from '../src/index.js';

/** Mean service time: μ = 1 per second, and the kernel's clock counts milliseconds. */
const MEAN_SERVICE = 1000;
const MU = 1 / MEAN_SERVICE;

interface QueueCase {
  readonly seed: number;
  readonly servers: number;
  /** Utilisation ρ = λ / (c μ). */
  readonly rho: number;
  /** Customers measured after the warm-up. */
  readonly customers: number;
}

/** What one run measured, over the customers who arrived after the warm-up. */
interface QueueMeasurement {
  /** Mean time from arrival to the start of service (Wq), ms. */
  readonly meanWait: number;
  /** Mean time from arrival to departure (W), ms. */
  readonly meanTimeInSystem: number;
  /** Fraction of customers who found every server busy. */
  readonly probabilityOfWaiting: number;
  /** Time-average number in system (L) over the measurement window. */
  readonly meanNumberInSystem: number;
  /** Arrivals per ms observed in the measurement window. */
  readonly observedArrivalRate: number;
}

/**
 * An M/M/c queue: Poisson arrivals, exponential service, `servers` servers, FIFO, unlimited room.
 * Arrivals and service times come from separate named streams, so neither perturbs the other.
 */
function simulateQueue({ seed, servers, rho, customers }: QueueCase): QueueMeasurement {
  const env = new Environment();
  const random = createRandom(seed);
  const arrivals = random.stream('arrivals');
  const service = random.stream('service');
  const counter = new Resource(env, { capacity: servers, name: 'servers' });
  const meanInterarrival = 1 / (rho * servers * MU);
  const warmup = Math.max(10_000, Math.round(customers / 20));

  // Time-weighted number in system, accumulated only inside the measurement window.
  let inSystem = 0;
  let area = 0;
  let since = 0;
  let measuring = false;
  let windowStart = 0;
  let windowEnd = 0;
  const changeInSystem = (delta: number): void => {
    if (measuring) {
      area += inSystem * (env.now - since);
      since = env.now;
    }
    inSystem += delta;
  };

  let totalWait = 0;
  let totalTimeInSystem = 0;
  let waited = 0;

  function* customer(measured: boolean): ProcessGenerator {
    const arrived = env.now;
    changeInSystem(1);
    const request = counter.request();
    yield request;
    // A request granted on arrival succeeds at the same instant, so the wait is exactly 0.
    const wait = env.now - arrived;
    yield env.timeout(service.exponential(MEAN_SERVICE));
    counter.release(request);
    changeInSystem(-1);
    if (measured) {
      totalWait += wait;
      totalTimeInSystem += env.now - arrived;
      if (wait > 0) waited += 1;
    }
  }

  env.process(
    (function* (): ProcessGenerator {
      for (let i = 0; i < warmup + customers; i++) {
        yield env.timeout(arrivals.exponential(meanInterarrival));
        if (i === warmup) {
          measuring = true;
          since = env.now;
          windowStart = env.now;
        }
        env.process(customer(i >= warmup));
      }
      // The window ends with the last arrival; the customers still inside finish after it.
      changeInSystem(0);
      measuring = false;
      windowEnd = env.now;
    })(),
  );
  env.run();

  const window = windowEnd - windowStart;
  return {
    meanWait: totalWait / customers,
    meanTimeInSystem: totalTimeInSystem / customers,
    probabilityOfWaiting: waited / customers,
    meanNumberInSystem: area / window,
    observedArrivalRate: customers / window,
  };
}

/**
 * Erlang's C formula: the probability that an arrival to an M/M/c queue with offered load a = λ/μ
 * (a < c) has to wait, C(c, a) = (aᶜ/c! · c/(c − a)) / (Σ_{k<c} aᵏ/k! + aᶜ/c! · c/(c − a)).
 */
function erlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1; // aᵏ/k!
  for (let k = 0; k < c; k++) {
    sum += term;
    term *= a / (k + 1);
  }
  const waiting = (term * c) / (c - a);
  return waiting / (sum + waiting);
}

function relativeError(measured: number, expected: number): number {
  return Math.abs(measured / expected - 1);
}

/**
 * Little's law holds on every sample path, up to the customers straddling the window's edges (a few
 * times L out of N), so L and the observed λ·W agree far more closely than either agrees with theory.
 */
const LITTLE_TOLERANCE = 0.005;

describe('M/M/1 against closed form: W = 1/(μ − λ), L = ρ/(1 − ρ)', () => {
  // Relative standard errors from Whitt's formula (measured over 24 seeds in brackets):
  // ρ = 0.5, N = 200,000: 0.77% (0.84%) → tolerance 5% ≈ 6σ
  // ρ = 0.8, N = 400,000: 1.50% (1.31%) → tolerance 5% ≈ 3.3σ
  // ρ = 0.9, N = 800,000: 2.18% (2.14%) → tolerance 8% ≈ 3.7σ
  const cases = [
    { rho: 0.5, customers: 200_000, tolerance: 0.05, seed: 11 },
    { rho: 0.8, customers: 400_000, tolerance: 0.05, seed: 12 },
    { rho: 0.9, customers: 800_000, tolerance: 0.08, seed: 13 },
  ];

  it.each(cases)('ρ = $rho over $customers customers, within $tolerance', ({ rho, customers, tolerance, seed }) => {
    const lambda = rho * MU;
    const expectedW = 1 / (MU - lambda);
    const expectedL = rho / (1 - rho);
    const run = simulateQueue({ seed, servers: 1, rho, customers });

    expect(relativeError(run.meanTimeInSystem, expectedW)).toBeLessThan(tolerance);
    expect(relativeError(run.meanNumberInSystem, expectedL)).toBeLessThan(tolerance);
    // Little's law, L = λW: once with the theoretical λ (a statistical check) and once with the
    // λ observed in the window (a sample-path identity, hence the tight tolerance).
    expect(relativeError(run.meanNumberInSystem, lambda * run.meanTimeInSystem)).toBeLessThan(tolerance);
    expect(relativeError(run.meanNumberInSystem, run.observedArrivalRate * run.meanTimeInSystem)).toBeLessThan(
      LITTLE_TOLERANCE,
    );
  });
});

describe('M/M/3 against Erlang C: P(wait) = C(c, a), Wq = C(c, a)/(cμ − λ)', () => {
  // Measured relative standard errors (24 seeds, scaled to these N where the runs were shorter):
  // ρ = 0.5, N = 400,000: P(wait) 0.8%, Wq 1.8% → tolerances 4%, 6% (≥ 3.3σ)
  // ρ = 0.7, N = 400,000: P(wait) 0.5%, Wq 1.8% → tolerances 4%, 6% (≥ 3.3σ)
  // ρ = 0.9, N = 1,200,000: P(wait) 0.2%, Wq 2.4% → tolerances 4%, 8% (≥ 3.3σ)
  const servers = 3;
  const cases = [
    { rho: 0.5, customers: 400_000, waitTolerance: 0.06, seed: 21 },
    { rho: 0.7, customers: 400_000, waitTolerance: 0.06, seed: 22 },
    { rho: 0.9, customers: 1_200_000, waitTolerance: 0.08, seed: 23 },
  ];
  const probabilityTolerance = 0.04;

  it.each(cases)('ρ = $rho over $customers customers', ({ rho, customers, waitTolerance, seed }) => {
    const lambda = rho * servers * MU;
    const c = erlangC(servers, lambda / MU);
    const expectedWq = c / (servers * MU - lambda);
    const run = simulateQueue({ seed, servers, rho, customers });

    expect(relativeError(run.probabilityOfWaiting, c)).toBeLessThan(probabilityTolerance);
    expect(relativeError(run.meanWait, expectedWq)).toBeLessThan(waitTolerance);
    expect(relativeError(run.meanNumberInSystem, run.observedArrivalRate * run.meanTimeInSystem)).toBeLessThan(
      LITTLE_TOLERANCE,
    );
  });

  it('computes Erlang C correctly (textbook values)', () => {
    // C(1, ρ) = ρ for M/M/1. C(2, 1) = (1/2 · 2) / (1 + 1 + 1) = 1/3.
    // C(3, 1.5): Σ = 1 + 1.5 + 1.125 = 3.625; 1.5³/3! · 3/1.5 = 0.5625 · 2 = 1.125; 1.125/4.75.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(3, 1.5)).toBeCloseTo(1.125 / 4.75, 12);
  });
});

describe('determinism', () => {
  it('gives the same measurements bit for bit for the same seed, and different ones for another', () => {
    const small = { servers: 2, rho: 0.8, customers: 20_000 };
    const first = simulateQueue({ seed: 99, ...small });
    const again = simulateQueue({ seed: 99, ...small });
    const other = simulateQueue({ seed: 100, ...small });
    for (const key of Object.keys(first) as Array<keyof QueueMeasurement>) {
      expect(Object.is(again[key], first[key]), key).toBe(true);
    }
    expect(other.meanTimeInSystem).not.toBe(first.meanTimeInSystem);
  });
});
