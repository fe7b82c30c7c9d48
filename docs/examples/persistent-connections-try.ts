// Lesson 9, try it yourself: how many persistent connections per frontend keep the busiest replica
// within 50% of the mean load? Theory first, then the simulation to check it.
import { expectedImbalance } from './persistent-connections/ballsIntoBins.js';
import { FRONTENDS, REPLICAS, spread } from './persistent-connections/frontends.js';

let connections = 1;
while (expectedImbalance(FRONTENDS * connections, REPLICAS) >= 1.5) connections++;
const runs = spread(connections);
const measured = runs.reduce((sum, r) => sum + r.imbalance, 0) / runs.length;
const worst = Math.max(...runs.map((r) => r.imbalance));
console.log(`theory: ${connections} connections per frontend (${FRONTENDS * connections} in all) bring the busiest`);
console.log(
  `replica to ${expectedImbalance(FRONTENDS * connections, REPLICAS).toFixed(3)} times the mean load on average`,
);
console.log(`simulated over ${runs.length} seeds: ${measured.toFixed(2)} on average, ${worst.toFixed(2)} at worst`);
