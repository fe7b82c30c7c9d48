// Lesson 16: Lambda, Azure Functions, OpenWhisk and Knative side by side. The same function and the
// same invocations on each platform preset: only the platform's own rules differ.
import { createSimulation } from '@berth/cluster';
import { PLATFORMS, scenario } from './faas-side-by-side/scenario.js';

// #region compare
console.log('platform            cold %  rejected  p99 ms  p99 warm  instances (mean/max)  idle GB-h        cost');
for (const platform of PLATFORMS) {
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
