// Lesson 1: a bank with one teller, simulated as an M/M/1 queue and checked against queueing theory.
import { MEAN_BETWEEN_ARRIVALS, MEAN_SERVICE, MINUTE, simulate } from './bank-teller/bank.js';

// #region report
const lambda = 1 / MEAN_BETWEEN_ARRIVALS; // arrivals per ms
const mu = 1 / MEAN_SERVICE; // services per ms
const W = 1 / (mu - lambda); // M/M/1 mean time in system, ms

const minutes = (ms: number) => (ms / MINUTE).toFixed(2);
const row = (what: string, simulated: string, theory: string) =>
  console.log(`  ${what.padEnd(30)}${simulated.padStart(9)}${theory.padStart(9)}`);

const day = simulate(1, 8);
const times = day.timeInSystem;
console.log(`One 8-hour day, seed 1: ${times.count} customers served`);
row('', 'measured', 'theory');
row('mean time in bank (min)', minutes(times.mean), minutes(W));
row('standard deviation (min)', minutes(times.stddev), minutes(W));
row('median time in bank (min)', minutes(day.timeHistogram.percentile(50)), minutes(W * Math.LN2));
row('90th percentile (min)', minutes(day.timeHistogram.percentile(90)), minutes(W * Math.LN10));
row('customers inside, on average', day.inBank.mean().toFixed(2), (lambda * W).toFixed(2));
// #endregion

// #region longer
console.log('\nLonger runs, five seeds each: mean time in bank, in minutes');
for (const hours of [8, 80, 800]) {
  const means = [1, 2, 3, 4, 5].map((seed) => simulate(seed, hours).timeInSystem.mean);
  const worst = Math.max(...means.map((m) => Math.abs(m - W) / W));
  console.log(
    `  ${String(hours).padStart(5)} h: ${means.map(minutes).join('  ')}   worst error ${(100 * worst).toFixed(1)}%`,
  );
}
// #endregion
