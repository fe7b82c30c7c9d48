// Lesson 6: a machine shop whose repairman drops his own work when a machine breaks, checked against
// the machine-repair model of queueing theory.
import { HOUR, MACHINES, MEAN_REPAIR, MEAN_TIME_TO_FAILURE, ODD_JOB, simulate } from './machine-shop/shop.js';

// #region theory
// The machine-repair model (M/M/1//N): N machines, each failing at rate λ while it runs, one repairer
// at rate μ. With ρ = λ/μ, the repairer is idle with probability p0 = 1 / Σ N!/(N−n)! ρ^n, and the
// mean number of machines down is L = N − (1 − p0)/ρ.
const rho = MEAN_REPAIR / MEAN_TIME_TO_FAILURE;
let sum = 0;
let term = 1;
for (let n = 0; n <= MACHINES; n += 1) {
  sum += term;
  term *= (MACHINES - n) * rho;
}
const p0 = 1 / sum;
const down = MACHINES - (1 - p0) / rho;
// #endregion

// #region report
console.log('The first twelve hours, seed 1:');
simulate(1, 12, true);

const HOURS = 5 * 365 * 24;
const shop = simulate(1, HOURS, false);
const total = HOURS * HOUR;
const row = (what: string, measured: number, theory: number) =>
  console.log(`  ${what.padEnd(40)}${measured.toFixed(3).padStart(9)}${theory.toFixed(3).padStart(9)}`);
const count = (n: number) => n.toLocaleString('en-US');
console.log(
  `\nFive years, seed 1: ${count(shop.parts)} parts, ${count(shop.oddJobs)} odd jobs (interrupted ${count(shop.oddJobsPreempted)} times)`,
);
console.log(`  ${''.padEnd(40)}${'measured'.padStart(9)}${'theory'.padStart(9)}`);
row('machines down, on average', shop.downtime / total, down);
row('fraction of time a machine runs', 1 - shop.downtime / total / MACHINES, 1 - down / MACHINES);
row('fraction of time repairing', shop.repairing / total, 1 - p0);
row('odd jobs per hour', shop.oddJobs / HOURS, p0 / (ODD_JOB / HOUR));
// #endregion
