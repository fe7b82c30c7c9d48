import { describe, expect, it } from 'vitest';
import { runScenario } from '../run/runScenario.js';
import { trafficTables } from './trafficTables.js';

/** One replica answering constant 10 ms requests at 20/s, with or without an autoscaler (which asks for the cpu figures). */
function run(autoscaled: boolean) {
  return runScenario({
    seed: 5,
    horizon: '1m',
    hosts: [{ name: 'a', capacity: { cpu: '4', memory: '4Gi' } }],
    services: {
      one: {
        replicas: 1,
        template: { requests: { cpu: '500m' } },
        ...(autoscaled
          ? { autoscaling: { maxReplicas: 1, metrics: [{ resource: 'cpu' as const, averageUtilization: 50 }] } }
          : {}),
      },
    },
    requests: { get: { service: 'one', serviceTime: { dist: 'constant', value: '10ms' } } },
    load: [{ name: 'users', request: 'get', arrivals: { process: 'poisson', rate: 20 } }],
  });
}

describe('trafficTables', () => {
  it('adds a cpu column (mean millicores, utilisation of the ready replicas’ requests) when the figures carry cpu', () => {
    const traffic = run(true).traffic!;
    const service = trafficTables(traffic)[1]!;
    expect(service.header.at(-1)).toBe('cpu (mean, utilisation)');
    const cpu = traffic.services.one!.cpu!;
    // About 20/s × 10 ms × 500m = 100m, a fifth of the request.
    expect(cpu.mean).toBeGreaterThan(80);
    expect(cpu.mean).toBeLessThan(120);
    expect(service.rows[0]!.at(-1)).toBe(`${Math.round(cpu.mean!)}m, ${(cpu.utilization! * 100).toFixed(1)}%`);
  });

  it('has no cpu column otherwise, so the tables of scenarios without autoscalers keep their shape', () => {
    const traffic = run(false).traffic!;
    expect(traffic.services.one!.cpu).toBeUndefined();
    expect(trafficTables(traffic)[1]!.header.at(-1)).toBe('imbalance (max/mean)');
  });
});
