// Lesson 16, try it yourself: the three other presets, Azure queueing what it would refuse, and Knative
// with one invocation per pod.
import { createSimulation, type ScenarioInput } from '@berth/cluster';
import { scenario } from './faas-side-by-side/scenario.js';

type Functions = { throttle?: string; definitions: { checkout: { concurrency?: number } } };

/** Runs the lesson's two hours on `platform` with one change; prints a row as the lesson does. */
function row(name: string, platform: string, change: (f: Functions) => void = () => {}): void {
  const s = scenario(platform);
  change(s.functions as unknown as Functions);
  const sim = createSimulation(s as ScenarioInput, { eventLog: { keep: 'none' } });
  sim.run();
  const f = sim.functions()!.functions.checkout!;
  console.log(
    `${name.padEnd(28)}${(100 * f.coldStartRatio).toFixed(2).padStart(7)}${String(f.rejected).padStart(10)}` +
      `${f.latency.p99.toFixed(0).padStart(8)}${`${f.meanInstances.toFixed(1)} / ${f.maxInstances}`.padStart(22)}` +
      `${(f.idleGbSeconds / 3600).toFixed(2).padStart(11)}`,
  );
}

console.log('platform                    cold %  rejected  p99 ms  instances (mean/max)  idle GB-h');
// 1. The three presets the lesson leaves out.
for (const platform of ['gcf-gen1', 'cloud-run', 'fn']) row(platform, platform);
// 2. Azure queues what it would refuse: no 429, a longer tail instead.
row('azure-consumption', 'azure-consumption');
row('azure-consumption, queue', 'azure-consumption', (f) => {
  f.throttle = 'queue';
});
// 3. Knative with containerConcurrency 1: one invocation per pod, as on Lambda.
row('knative', 'knative');
row('knative, concurrency 1', 'knative', (f) => {
  f.definitions.checkout.concurrency = 1;
});
