// Lesson 16: Lambda, Azure Functions, OpenWhisk and Knative side by side. The same function and the
// same invocations on each platform preset: only the platform's own rules differ.
import { createSimulation, type ScenarioInput } from '@berth/cluster';

// #region scenario
const scenario = (platform: string): ScenarioInput => ({
  seed: 9,
  horizon: '2h',
  hosts: [{ group: 'node', count: 4, capacity: { cpu: '16', memory: '64Gi' } }],
  functions: {
    platform,
    definitions: {
      checkout: {
        memory: 256,
        pull: '3s',
        startup: { dist: 'constant', value: '600ms' },
        handler: { dist: 'lognormal', mean: '250ms', cv: 0.6 },
        // Bursty: 2 per second, with bursts of 40 per second lasting about 20 s every 10 minutes.
        invocations: { process: 'mmpp', rates: [2, 40], meanDurations: ['10m', '20s'] },
      },
    },
  },
});
// #endregion

// #region compare
console.log('platform            cold %  rejected  p99 ms  p99 warm  instances (mean/max)  idle GB-h        cost');
for (const platform of ['lambda', 'azure-consumption', 'openwhisk', 'knative']) {
  const sim = createSimulation(scenario(platform), { eventLog: { keep: 'none' } });
  sim.run();
  const f = sim.functions()!.functions.checkout!;
  const cost = Number.isNaN(f.cost) ? '-' : `$${f.cost.toFixed(4)}`;
  console.log(
    `${platform.padEnd(18)}${(100 * f.coldStartRatio).toFixed(2).padStart(8)}${String(f.rejected).padStart(10)}` +
      `${f.latency.p99.toFixed(0).padStart(8)}${f.warmLatency.p99.toFixed(0).padStart(10)}` +
      `${`${f.meanInstances.toFixed(1)} / ${f.maxInstances}`.padStart(22)}` +
      `${(f.idleGbSeconds / 3600).toFixed(2).padStart(11)}${cost.padStart(12)}`,
  );
}
// #endregion
