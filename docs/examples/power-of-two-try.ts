// Lesson 7, try it yourself: least-request on more replicas approaches the supermarket limit T_2.
import { supermarketMean } from './power-of-two/closedForms.js';
import { balancing, MEAN_SERVICE_MS, timeInSystem } from './power-of-two/timeInSystem.js';

const load = 0.9;
const limit = supermarketMean(load, MEAN_SERVICE_MS);
console.log(`least-request at load ${load}; the limit of many replicas, T_2, is ${limit.toFixed(1)} ms`);
for (const [replicas, seconds] of [
  [10, 100],
  [30, 60],
  [100, 60],
] as const) {
  const { mean } = timeInSystem(balancing('least-request', load, replicas, seconds));
  const gap = (mean / limit - 1) * 100;
  console.log(
    `${String(replicas).padStart(3)} replicas: ${mean.toFixed(1)} ms (${gap < 0 ? '−' : '+'}${Math.abs(gap).toFixed(1)}%)`,
  );
}
