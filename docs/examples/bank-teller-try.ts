// Lesson 1, try it yourself: how much one day varies, two tellers against Erlang's C formula, and how
// slowly a busier teller converges.
import { MEAN_BETWEEN_ARRIVALS, MEAN_SERVICE, MINUTE, simulate } from './bank-teller/bank.js';
import { sharedQueueMean } from './power-of-two/closedForms.js';

const minutes = (ms: number) => (ms / MINUTE).toFixed(2);
const meanOf = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

// One 8-hour day, ten seeds: the mean time in the bank of each day.
const days = SEEDS.map((seed) => simulate(seed, 8).timeInSystem.mean);
console.log(`One 8-hour day, seeds 1-10: mean time in bank, minutes (theory 3.00)`);
console.log(`  ${days.map(minutes).join('  ')}`);
console.log(`  lowest ${minutes(Math.min(...days))}, highest ${minutes(Math.max(...days))}`);

// Two tellers, each half as fast: still ρ = 0.75, but now an M/M/2 queue.
const twoTellers = 2 * MEAN_SERVICE;
const rho = MEAN_SERVICE / MEAN_BETWEEN_ARRIVALS;
const erlang = sharedQueueMean(rho, twoTellers, 2);
const two = [1, 2, 3, 4, 5].map((seed) => simulate(seed, 800, 2, twoTellers).timeInSystem.mean);
console.log(`\nTwo tellers, ${minutes(twoTellers)} min each, 800 h, seeds 1-5: mean time in bank, minutes`);
console.log(`  ${two.map(minutes).join('  ')}   average ${minutes(meanOf(two))}`);
console.log(`  Erlang C (M/M/2): ${minutes(erlang)}; one teller twice as fast (M/M/1): 3.00`);

// A busier teller: ρ = 0.95, W = 19 minutes.
const busy = 0.95 * MINUTE;
const W = 1 / (1 / busy - 1 / MEAN_BETWEEN_ARRIVALS);
console.log(`\nMEAN_SERVICE = 0.95 min (theory ${minutes(W)}), five seeds each: mean time in bank, minutes`);
for (const hours of [8, 80, 800]) {
  const means = [1, 2, 3, 4, 5].map((seed) => simulate(seed, hours, 1, busy).timeInSystem.mean);
  const worst = Math.max(...means.map((m) => Math.abs(m - W) / W));
  console.log(
    `  ${String(hours).padStart(5)} h: ${means.map((m) => minutes(m).padStart(5)).join('  ')}   worst error ${(100 * worst).toFixed(1)}%`,
  );
}
