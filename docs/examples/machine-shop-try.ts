// Lesson 6, try it yourself: a second repairman against the M/M/2//N model, and odd jobs that a
// breakdown does not interrupt.
import {
  HOUR,
  MACHINES,
  MEAN_REPAIR,
  MEAN_TIME_TO_FAILURE,
  machineRepair,
  type ShopOptions,
  simulate,
} from './machine-shop/shop.js';

const HOURS = 5 * 365 * 24;
const total = HOURS * HOUR;
const rho = MEAN_REPAIR / MEAN_TIME_TO_FAILURE;
const runs = (options: ShopOptions) => {
  const shop = simulate(1, HOURS, false, options);
  return { down: shop.downtime / total, repairing: shop.repairing / total, oddJobs: shop.oddJobs / HOURS };
};
const row = (what: string, measured: number, theory?: number) =>
  console.log(
    `  ${what.padEnd(40)}${measured.toFixed(3).padStart(9)}${theory === undefined ? '' : theory.toFixed(3).padStart(9)}`,
  );

const one = runs({});
const two = runs({ repairmen: 2 });
const mm2 = machineRepair(MACHINES, rho, 2);
console.log(`${'Two repairmen, five years, seed 1'.padEnd(42)}${'measured'.padStart(9)}${'theory'.padStart(9)}`);
row('machines down, on average', two.down, mm2.down);
row('fraction of time a machine runs', 1 - two.down / MACHINES, 1 - mm2.down / MACHINES);
row('fraction of each repairman repairing', two.repairing / 2, mm2.busy);
row('one repairman: machines down', one.down, machineRepair(MACHINES, rho, 1).down);

const waits = runs({ preempt: false });
console.log(
  `\n${'Odd jobs not preempted, five years, seed 1'.padEnd(42)}${'measured'.padStart(9)}${'lesson'.padStart(9)}`,
);
row('machines down, on average', waits.down, one.down);
row('fraction of time a machine runs', 1 - waits.down / MACHINES, 1 - one.down / MACHINES);
row('odd jobs per hour', waits.oddJobs, one.oddJobs);
const lost = (1 - (1 - waits.down / MACHINES) / (1 - one.down / MACHINES)) * 100;
console.log(`  running time lost to the odd jobs: ${lost.toFixed(1)}% of what the machines ran`);
