// Lesson 15's workload: three functions with different rhythms, and the keep-alive policy to vary.
// docs/examples/keep-alive.ts runs it, as does the lesson's plot (docs/plots/keep-alive.ts).
import type { ScenarioInput } from '@berth/cluster';

// #region workload
/** A cron job every 17 minutes, within a second of its time: 17 × 60 one-second bins, one arrival each. */
const cron = Array.from({ length: 24 * 60 * 60 }, (_, s) => (s % (17 * 60) === 0 ? 1 : 0));
export const definitions = {
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
/** A keep-alive policy, as the scenario's `functions.keepAlive` takes it. */
export type KeepAlive = NonNullable<ScenarioInput['functions']>['keepAlive'];

export const scenario = (keepAlive: KeepAlive): ScenarioInput => ({
  seed: 4,
  horizon: '1d',
  hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '32Gi' } }],
  functions: { platform: 'lambda', keepAlive, definitions },
});
// #endregion
