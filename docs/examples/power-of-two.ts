// Lesson 7: why the power of two choices works. Four balancing policies over ten replicas as load rises,
// against queueing theory.
import { createSimulation, type LoadBalancingPolicy, leastRequest, randomPolicy } from '@berth/cluster';
import { exponentialP99, randomMean, supermarketMean, THEORY } from './power-of-two/closedForms.js';
import { balancing, LOADS, MEAN_SERVICE_MS, POLICIES, REPLICAS, timeInSystem } from './power-of-two/timeInSystem.js';

// #region table
const cell = (measured: number, expected?: number) =>
  `${measured.toFixed(1).padStart(6)} ${expected === undefined ? '       ' : `(${expected.toFixed(1).padStart(5)})`}  `;
const runs = LOADS.map((load) => POLICIES.map((policy) => timeInSystem(balancing(policy, load))));
const theory = (policy: (typeof POLICIES)[number], load: number) =>
  policy in THEORY ? THEORY[policy as keyof typeof THEORY](load, MEAN_SERVICE_MS, REPLICAS) : undefined;
const header = `load  ${POLICIES.map((p) => (p === 'join-shortest-queue' ? 'JSQ' : p).padEnd(16)).join('')}`.trimEnd();

console.log(`Mean time in system, ms, on ${REPLICAS} replicas: measured (theory)`);
console.log(header);
LOADS.forEach((load, i) => {
  const cells = POLICIES.map((policy, j) => cell(runs[i]![j]!.mean, theory(policy, load)));
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
    return cell(runs[i]![j]!.p99, exponential ? exponentialP99(theory(policy, load)!) : undefined);
  });
  console.log(`${load.toFixed(2)}  ${cells.join('')}`.trimEnd());
});
// #endregion

// #region tails
/** Wraps a policy to count, at every pick, how many replicas hold at least i requests. */
function counting(policy: LoadBalancingPolicy<unknown>, seen: number[]): LoadBalancingPolicy<unknown> {
  return {
    ...policy,
    pick(endpoints, key, rng, state) {
      seen[0]! += endpoints.length;
      for (const e of endpoints) for (let i = 1; i < seen.length && i <= e.active; i++) seen[i]! += 1;
      return policy.pick(endpoints, key, rng, state);
    },
  };
}

const LOAD = 0.9;
const fractions = (policy: LoadBalancingPolicy<unknown>): number[] => {
  const seen = new Array<number>(7).fill(0);
  const watched = () => counting(policy, seen);
  createSimulation(balancing('watched', LOAD), { balancing: { watched } }).run();
  return seen.map((count) => count / seen[0]!);
};
const random = fractions(randomPolicy());
const twoChoices = fractions(leastRequest() as LoadBalancingPolicy<unknown>);
console.log();
console.log(`Share of replicas holding at least i requests, as arrivals find them, at load ${LOAD}`);
console.log(' i   random  ρ^i      least-request  ρ^(2^i − 1)');
for (let i = 1; i < random.length; i++) {
  const cells = [random[i]!, LOAD ** i, twoChoices[i]!, LOAD ** (2 ** i - 1)].map((x) => x.toFixed(3));
  console.log(`${String(i).padStart(2)}   ${cells[0]}   ${cells[1]}    ${cells[2]}          ${cells[3]}`);
}
// #endregion

// #region choices
console.log();
console.log(`Mean time in system in the limit of many replicas at load ${LOAD}, in service times:`);
const limits = [randomMean(LOAD, 1), ...[2, 3, 4].map((d) => supermarketMean(LOAD, 1, d))];
console.log(limits.map((t, i) => `${i + 1} choice${i === 0 ? '' : 's'}: ${t.toFixed(2)}`).join(', '));
// #endregion
