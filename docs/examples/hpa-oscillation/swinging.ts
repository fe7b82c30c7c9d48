// The simulation behind lesson 11: a demand that swings every two minutes, and an autoscaler whose
// behaviour the lesson varies. Shared by the lesson's program and its plot.
import type { ScenarioInput } from '@berth/cluster';

// #region scenario
/** `web`'s demand alternates between 1.6 and 2.4 cores every 2 minutes for an hour (a batchy client). */
export const steps = Array.from({ length: 30 }, (_, i) => ({
  at: `${2 * (i + 1)}m`,
  value: i % 2 === 0 ? '2.4' : '1.6',
}));

/** Replicas request 250m; the HPA targets 50 % cpu; `behavior` is what the lesson varies. */
export function swinging(behavior: object): ScenarioInput {
  return {
    seed: 11,
    horizon: '1h',
    hosts: [{ group: 'node', count: 4, capacity: { cpu: '8', memory: '32Gi' } }],
    images: { web: { pullTime: '20s' } },
    services: {
      web: {
        replicas: 13,
        template: { requests: { cpu: '250m', memory: '256Mi' }, image: 'web', startup: '10s' },
        usage: { cpu: { shape: 'steps', initial: '1.6', steps } },
        autoscaling: { maxReplicas: 40, metrics: [{ resource: 'cpu', averageUtilization: 50 }], behavior },
      },
    },
  };
}
// #endregion
