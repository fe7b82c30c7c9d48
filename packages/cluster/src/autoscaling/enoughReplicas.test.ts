import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parseScenario.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { enoughReplicasOf } from './enoughReplicas.js';

/** `api` answering `get` (250 ms of work, 1 cpu per replica, one at a time), its HPA on `metrics`, load from `load`. */
function api(metrics: unknown[], load: ScenarioInput['load'], extra: Partial<ScenarioInput> = {}) {
  return parseScenario({
    horizon: '1h',
    hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '16Gi' } }],
    services: {
      api: {
        replicas: 2,
        template: { requests: { cpu: '1000m', memory: '1Gi' } },
        autoscaling: { minReplicas: 2, maxReplicas: 40, metrics },
      },
    },
    requests: { get: { service: 'api', serviceTime: { dist: 'uniform', min: '150ms', max: '350ms' } } },
    load,
    ...extra,
  } as ScenarioInput);
}

const poisson = (rate: number): ScenarioInput['load'] => [
  { name: 'users', request: 'get', arrivals: { process: 'poisson', rate } },
];

describe('enoughReplicasOf', () => {
  it('turns requests into cpu: rate × mean work × cpu per request, against the target with its tolerance', () => {
    // 20/s × 0.25 s × 1000m = 5000m busy; 60 % of 1000m is 600m a replica, × 1.1 = 660m: ⌈7.58⌉ = 8.
    const enough = enoughReplicasOf(api([{ resource: 'cpu', averageUtilization: 60 }], poisson(20)), 'api');
    if (typeof enough === 'string') throw new Error(enough);
    expect(enough.at(0)).toBe(8);
    expect(enough).toMatchObject({ breaks: [], smooth: false });
  });

  it('takes requests per second as they are, the largest of several metrics, within min and max', () => {
    // 20/s against 3/s a replica × 1.1: ⌈6.06⌉ = 7; cpu asks 8, so 8.
    const both = enoughReplicasOf(
      api(
        [
          { pods: 'requests-per-second', averageValue: 3 },
          { resource: 'cpu', averageUtilization: 60 },
        ],
        poisson(20),
      ),
      'api',
    );
    if (typeof both === 'string') throw new Error(both);
    expect(both.at(0)).toBe(8);
    const rps = enoughReplicasOf(api([{ pods: 'requests-per-second', averageValue: 3 }], poisson(20)), 'api');
    if (typeof rps === 'string') throw new Error(rps);
    expect(rps.at(0)).toBe(7);
    // 1/s needs 1 replica, but minReplicas is 2; 1000/s needs 304, but maxReplicas is 40.
    const low = enoughReplicasOf(api([{ pods: 'requests-per-second', averageValue: 3 }], poisson(1)), 'api');
    const high = enoughReplicasOf(api([{ pods: 'requests-per-second', averageValue: 3 }], poisson(1000)), 'api');
    if (typeof low === 'string' || typeof high === 'string') throw new Error('unknown');
    expect([low.at(0), high.at(0)]).toEqual([2, 40]);
  });

  it('follows counts bin by bin, with a break at each bin, and the calls of other request types', () => {
    // 60, 180 then 0 arrivals a minute: 1/s, 3/s, 0. `front` calls `get` twice per request at 2/s more.
    const scenario = api(
      [{ pods: 'requests-per-second', averageValue: 1 }],
      [
        { name: 'users', request: 'get', arrivals: { process: 'counts', counts: [60, 180, 0] } },
        { name: 'web', request: 'front', arrivals: { process: 'poisson', rate: 2 } },
      ],
      {
        requests: {
          get: { service: 'api', serviceTime: { dist: 'constant', value: '10ms' } },
          front: { service: 'api', serviceTime: { dist: 'constant', value: '10ms' }, calls: ['get', 'get'] },
        },
      } as Partial<ScenarioInput>,
    );
    const enough = enoughReplicasOf(scenario, 'api');
    if (typeof enough === 'string') throw new Error(enough);
    // Rates at api: get (counts + 2 × 2/s of calls) + front (2/s); each over 1/s × 1.1.
    expect([enough.at(0), enough.at(60_000), enough.at(120_000), enough.at(180_000)]).toEqual([
      Math.ceil((1 + 4 + 2) / 1.1),
      Math.ceil((3 + 4 + 2) / 1.1),
      Math.ceil((0 + 4 + 2) / 1.1),
      Math.ceil((0 + 4 + 2) / 1.1),
    ]);
    expect(enough.breaks).toEqual([60_000, 120_000, 180_000]);
  });

  it('says why when the offered load is not known', () => {
    expect(
      enoughReplicasOf(
        api(
          [{ resource: 'cpu', averageUtilization: 60 }],
          [
            {
              name: 'users',
              request: 'get',
              arrivals: { process: 'mmpp', rates: [1, 10], meanDurations: ['1m', '1m'] },
            },
          ],
        ),
        'api',
      ),
    ).toBe("load source 'users' has mmpp arrivals, whose rate depends on a hidden state");
    expect(enoughReplicasOf(api([{ external: 'queue-length', value: 10 }], poisson(5), {}), 'api')).toBe(
      "no metric of service 'api' measures offered load (queue length does not)",
    );
  });
});
