// Lesson 15: keep-alive, paying memory to save latency. Three functions with different rhythms under
// fixed keep-alives and the hybrid histogram policy of "Serverless in the Wild" (ATC 2020).
import { createSimulation, type ScenarioInput } from '@berth/cluster';

// #region workload
/** A cron job every 17 minutes, within a second of its time: 17 × 60 one-second bins, one arrival each. */
const cron = Array.from({ length: 24 * 60 * 60 }, (_, s) => (s % (17 * 60) === 0 ? 1 : 0));
const definitions = {
  // Regular: a timer-triggered report.
  report: {
    memory: 1024,
    startup: { dist: 'constant' as const, value: '800ms' },
    handler: { dist: 'constant' as const, value: '2s' },
    invocations: { process: 'counts' as const, counts: cron, every: '1s' },
  },
  // Busy: an API called about twice a minute.
  api: {
    memory: 256,
    startup: { dist: 'constant' as const, value: '300ms' },
    handler: { dist: 'lognormal' as const, mean: '80ms', cv: 1 },
    invocations: { process: 'poisson' as const, rate: 2 / 60 },
  },
  // Rare and bursty: a webhook, quiet for hours, then a flurry.
  webhook: {
    memory: 512,
    startup: { dist: 'constant' as const, value: '500ms' },
    handler: { dist: 'constant' as const, value: '200ms' },
    invocations: { process: 'on-off' as const, rate: 0.2, meanOn: '2m', meanOff: '3h' },
  },
};
const scenario = (keepAlive: NonNullable<ScenarioInput['functions']>['keepAlive']): ScenarioInput => ({
  seed: 4,
  horizon: '1d',
  hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '32Gi' } }],
  functions: { platform: 'lambda', keepAlive, definitions },
});
// #endregion

// #region compare
const policies: Array<[string, NonNullable<ScenarioInput['functions']>['keepAlive']]> = [
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
