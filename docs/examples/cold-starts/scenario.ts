// Lesson 14's function: one Lambda function with a keep-alive to vary. docs/examples/cold-starts.ts runs
// it, as does the lesson's plot (docs/plots/cold-starts.ts).
import type { ScenarioInput } from '@berth/cluster';

// #region scenario
/** Invocations per second: one every 5 minutes on average. */
export const RATE = 1 / 300;

export const scenario = (keepAlive: string): ScenarioInput => ({
  seed: 11,
  horizon: '7d',
  hosts: [{ group: 'node', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
  functions: {
    platform: 'lambda',
    keepAlive: { policy: 'fixed', ttl: keepAlive },
    definitions: {
      resize: {
        memory: 512,
        pull: '2s',
        startup: { dist: 'constant', value: '400ms' },
        handler: { dist: 'lognormal', mean: '120ms', cv: 0.5 },
        invocations: { process: 'poisson', rate: RATE },
      },
    },
  },
});
// #endregion
