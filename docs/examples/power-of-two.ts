// Lesson 7: why the power of two choices works. Four balancing policies over ten replicas as load rises,
// against queueing theory.
import {
  exponentialP99,
  randomMean,
  roundRobinMean,
  sharedQueueMean,
  supermarketMean,
} from './power-of-two/closedForms.js';
import { balancing, LOADS, MEAN_SERVICE_MS, POLICIES, REPLICAS, timeInSystem } from './power-of-two/timeInSystem.js';

// #region theory
const s = MEAN_SERVICE_MS;
const theory = {
  random: (rho: number) => randomMean(rho, s),
  'round-robin': (rho: number) => roundRobinMean(rho, s, REPLICAS),
  'least-request': (rho: number) => supermarketMean(rho, s),
  'shared-queue': (rho: number) => sharedQueueMean(rho, s, REPLICAS),
};
// #endregion

// #region table
const cell = (measured: number, expected?: number) =>
  `${measured.toFixed(1).padStart(6)} ${expected === undefined ? '       ' : `(${expected.toFixed(1).padStart(5)})`}  `;
const runs = LOADS.map((load) => POLICIES.map((policy) => timeInSystem(balancing(policy, load))));
const header = `load  ${POLICIES.map((p) => p.padEnd(16)).join('')}`.trimEnd();

console.log(`Mean time in system, ms, on ${REPLICAS} replicas: measured (theory)`);
console.log(header);
LOADS.forEach((load, i) => {
  const cells = POLICIES.map((policy, j) => cell(runs[i]![j]!.mean, theory[policy](load)));
  console.log(`${load.toFixed(2)}  ${cells.join('')}`.trimEnd());
});
// #endregion

// #region p99
console.log();
console.log('99th percentile, ms: measured (theory, where the time in system is exponential)');
console.log(header);
LOADS.forEach((load, i) => {
  const cells = POLICIES.map((policy, j) => {
    const exponential = policy === 'random' || policy === 'round-robin';
    return cell(runs[i]![j]!.p99, exponential ? exponentialP99(theory[policy](load)) : undefined);
  });
  console.log(`${load.toFixed(2)}  ${cells.join('')}`.trimEnd());
});
// #endregion
