// Lesson 9: persistent connections defeat kube-proxy's balancing. Few long-lived connections pin the
// load to a few replicas; more connections, a proxy balancing each request, and what a scale-up or a
// rolling update does to connections already open.
import { createSimulation, type ScenarioInput, type Simulation } from '@berth/cluster';
import { expectedImbalance, idleShare } from './persistent-connections/ballsIntoBins.js';
import { api, CONNECTIONS, FRONTENDS, REPLICAS, spread, throughIngress } from './persistent-connections/frontends.js';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// #region table
console.log(`${FRONTENDS} frontends × 100 requests/s over ${REPLICAS} replicas, mean of 20 seeds: measured (theory)`);
console.log('connections per frontend   busiest / mean   replicas idle');
const perRequest = spread(0);
console.log(
  `a new one per request        ${mean(perRequest.map((r) => r.imbalance)).toFixed(2)}            ${mean(perRequest.map((r) => r.idle)).toFixed(1)}`,
);
for (const c of CONNECTIONS) {
  const runs = spread(c);
  const k = FRONTENDS * c;
  const busiest = `${mean(runs.map((r) => r.imbalance)).toFixed(2)} (${expectedImbalance(k, REPLICAS).toFixed(2)})`;
  const idle = `${mean(runs.map((r) => r.idle)).toFixed(1)} (${(REPLICAS * idleShare(k, REPLICAS)).toFixed(1)})`;
  console.log(`${String(c).padStart(2)}                          ${busiest.padEnd(15)}  ${idle}`);
}
// #endregion

// #region harm
/** Every frontend's latency and failures together. */
function clients(sim: Simulation): { p99: number; failed: number; sent: number } {
  const sources = Object.values(sim.traffic().sources);
  const failed = sources.reduce((n, s) => n + Object.values(s.failed).reduce((a, b) => a + b, 0), 0);
  return {
    p99: Math.max(...sources.map((s) => s.latency.p99)),
    failed,
    sent: sources.reduce((n, s) => n + s.sent, 0),
  };
}
const row = (name: string, scenario: ScenarioInput) => {
  const { p99, failed, sent } = clients(createSimulation(scenario).run());
  console.log(`${name.padEnd(42)} ${p99.toFixed(0).padStart(6)} ms ${((100 * failed) / sent).toFixed(1).padStart(6)}%`);
};
console.log();
console.log('Replicas serving one request at a time, half busy on average (30 s):');
console.log(`${''.padEnd(42)}  worst p99  failed`);
row('a new connection per request', api({ connections: 0, concurrency: 1, horizon: '30s' }));
for (const c of [1, 4, 16, 64]) row(`${c} per frontend`, api({ connections: c, concurrency: 1, horizon: '30s' }));
// #endregion

// #region fix
const direct = api({ connections: 1, concurrency: 1, horizon: '30s' });
row('1 per frontend, via ingress, random', throughIngress(direct, 'random'));
row('1 per frontend, via ingress, least-request', throughIngress(direct, 'least-request'));
// #endregion

// #region after
/** Requests each live replica served between `from` and `to`, in order of creation. */
function servedBetween(sim: Simulation, from: string, to: string): string {
  sim.run(from);
  const before = sim.traffic().services.api!.served;
  sim.run(to);
  const after = sim.traffic().services.api!.served;
  const live = [...sim.allContainers()].filter((c) => c.service === 'api' && c.finishedAt < 0);
  return live.map((c) => String((after[c.name] ?? 0) - (before[c.name] ?? 0)).padStart(5)).join('');
}

console.log();
console.log('Requests served per replica from 1:00 to 1:10, after a change at 0:30:');
for (const connections of [0, 4]) {
  const how = connections === 0 ? 'a new connection per request' : `${connections} connections per frontend`;
  const scaled = createSimulation(api({ connections, horizon: '2m' }));
  scaled.run('30s');
  scaled.update((desired) => {
    desired.services.api!.replicas = 20;
  });
  console.log(`scaled 10 → 20, ${how}:`);
  console.log(servedBetween(scaled, '60s', '70s'));
  const rolled = createSimulation(api({ connections, horizon: '2m' }));
  rolled.run('30s');
  rolled.update((desired) => {
    desired.services.api!.template.image = 'api:2';
  });
  console.log(`rolled to a new version, ${how}:`);
  console.log(servedBetween(rolled, '60s', '70s'));
}
// #endregion
