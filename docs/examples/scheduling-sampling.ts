// Lesson 2, part two: random tie-breaks, and how many hosts kube-scheduler looks at.
import { createSimulation, formatDecision, percentageOfNodesToScore } from '@berth/cluster';

// #region ties
// Three identical hosts: every one scores the same, so the seeded random stream decides.
for (const seed of [1, 2, 3, 4, 5, 6]) {
  const sim = createSimulation(
    {
      seed,
      hosts: [{ group: 'node', count: 3, capacity: { cpu: '4', memory: '16Gi' } }],
      containers: [{ name: 'api', requests: { cpu: '1', memory: '1Gi' } }],
    },
    { explain: ['api'] },
  );
  sim.run('1s');
  const [decision] = sim.decisions('api');
  const totals = decision!.hosts.map((h) => `${h.host} ${h.total}`).join(', ');
  console.log(`seed ${seed}: ${totals} → ${decision!.winner}`);
}
// #endregion
console.log();

// #region sample-size
const sampler = percentageOfNodesToScore(); // 0: kube-scheduler's adaptive default
for (const hosts of [50, 100, 500, 1000, 3000, 5000, 6000, 10_000]) {
  console.log(`${String(hosts).padStart(6)} hosts → score ${sampler.count(hosts)}`);
}
// #endregion
console.log();

// #region sampling
const big = createSimulation(
  {
    seed: 1,
    hosts: [{ group: 'node', count: 5000, capacity: { cpu: '16', memory: '64Gi' } }],
    containers: [
      { name: 'app-0', requests: { cpu: '2', memory: '4Gi' } },
      { name: 'app-1', requests: { cpu: '2', memory: '4Gi' }, at: '1s' },
    ],
  },
  { explain: ['app-0', 'app-1'] },
);
big.run('2s');
for (const name of ['app-0', 'app-1']) {
  const decision = big.decisions(name)[0]!;
  console.log(formatDecision(decision, { maxHosts: 3 }));
  const examined = decision.hosts;
  console.log(`${name} examined ${examined[0]!.host} to ${examined.at(-1)!.host}\n`);
}
// #endregion
