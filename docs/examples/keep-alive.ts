// Lesson 15: keep-alive, paying memory to save latency. Three functions with different rhythms under
// fixed keep-alives and the hybrid histogram policy of "Serverless in the Wild" (ATC 2020).
import { createSimulation } from '@berth/cluster';
import { type KeepAlive, scenario } from './keep-alive/scenario.js';

// #region compare
const policies: Array<[string, KeepAlive]> = [
  ['none', { policy: 'none' }],
  ['fixed 10 min', { policy: 'fixed', ttl: '10m' }],
  ['fixed 60 min', { policy: 'fixed', ttl: '60m' }],
  ['hybrid (4 h)', { policy: 'hybrid' }],
];
console.log('policy        cold %: report  api  webhook   idle GB-h   pre-warms');
for (const [label, keepAlive] of policies) {
  const sim = createSimulation(scenario(keepAlive), { eventLog: { keep: 'none' } });
  sim.run();
  const r = sim.functions()!;
  const cold = (name: string) => (100 * r.functions[name]!.coldStartRatio).toFixed(0).padStart(4);
  console.log(
    `${label.padEnd(14)}${cold('report').padStart(13)} ${cold('api')} ${cold('webhook').padStart(8)}` +
      `${(r.total.idleGbSeconds / 3600).toFixed(2).padStart(12)}${String(r.total.prewarms).padStart(12)}`,
  );
}
// #endregion
