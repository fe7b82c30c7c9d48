// Lesson 16's function: one function whose platform is a parameter. docs/examples/faas-side-by-side.ts runs
// it on four platforms, as does the lesson's plot (docs/plots/faas-side-by-side.ts).
import type { ScenarioInput } from '@berth/cluster';

// #region scenario
/** The platform presets the lesson compares. */
export const PLATFORMS = ['lambda', 'azure-consumption', 'openwhisk', 'knative'];

export const scenario = (platform: string): ScenarioInput => ({
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
