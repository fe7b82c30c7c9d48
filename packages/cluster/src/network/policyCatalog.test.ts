import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { BALANCING_POLICIES } from './policyCatalog.js';

/** Four replicas of `web` balanced by `balancing`, 200/s of 10 ms requests with 1,000 hash keys. */
function web(balancing: unknown): ScenarioInput {
  return {
    seed: 8,
    horizon: '20s',
    hosts: [{ group: 'node', count: 2, capacity: { cpu: '8', memory: '16Gi' } }],
    services: {
      web: {
        replicas: 4,
        template: { requests: { cpu: '1', memory: '1Gi' } },
        serving: { balancing } as never,
      },
    },
    requests: { get: { service: 'web', serviceTime: { dist: 'exponential', mean: '10ms' } } },
    load: [{ name: 'users', request: 'get', keys: 1000, arrivals: { process: 'poisson', rate: 200 } }],
  };
}

/** The issues of the ConfigError that creating the simulation throws, as `path: message`. */
function issues(scenario: ScenarioInput): string[] {
  try {
    createSimulation(scenario);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map((i) => `${i.path}: ${i.message}`);
    throw e;
  }
  return [];
}

describe('BALANCING_POLICIES', () => {
  it.each(Object.keys(BALANCING_POLICIES))('%s serves a scenario’s requests, named or as an object', (name) => {
    for (const balancing of [name, { policy: name }]) {
      const users = createSimulation(web(balancing)).run().traffic().sources.users!;
      // Arrivals after the first endpoint sync (1 s) are served: about 200/s × 19 s.
      expect(users.succeeded).toBeGreaterThan(3400);
      expect(users.succeeded + users.failed['no-endpoint'] + users.inFlight).toBe(users.sent);
    }
  });

  it('takes parameters in the object form', () => {
    for (const balancing of [
      { policy: 'least-request', choices: 3, bias: 0.5 },
      { policy: 'ring-hash', minRingSize: 4096, maxRingSize: 8192 },
      { policy: 'maglev', tableSize: 251 },
    ]) {
      expect(createSimulation(web(balancing)).run().traffic().sources.users!.succeeded).toBeGreaterThan(3400);
    }
  });

  it('takes a policy with parameters for a call, as the caller’s proxy balances it', () => {
    const calling = (balancing: unknown): ScenarioInput => {
      const s = web('random');
      s.services!.db = { replicas: 2, template: { requests: { cpu: '1', memory: '1Gi' } } };
      s.requests = {
        get: {
          service: 'web',
          serviceTime: { dist: 'exponential', mean: '1ms' },
          calls: [{ request: 'lookup', balancing } as never],
        },
        lookup: { service: 'db', serviceTime: { dist: 'exponential', mean: '1ms' } },
      };
      return s;
    };
    const traffic = createSimulation(calling({ policy: 'maglev', tableSize: 251 }))
      .run()
      .traffic();
    expect(traffic.requests.lookup!.succeeded).toBeGreaterThan(3400);
    expect(issues(calling({ policy: 'maglev', tableSize: 250 }))).toEqual([
      'requests.get.calls[0].balancing.tableSize: expected a prime such as 65537, got 250',
    ]);
  });

  it('rejects bad parameters, naming each field', () => {
    const at = 'services.web.serving.balancing';
    expect(issues(web({ policy: 'least-request', choices: 1 }))).toEqual([
      `${at}.choices: expected an integer from 2 to 1000, got 1`,
    ]);
    expect(issues(web({ policy: 'maglev', tableSize: 65_536, choices: 2 }))).toEqual([
      `${at}.tableSize: expected a prime such as 65537, got 65536`,
      `${at}.choices: 'choices' is not an option of 'maglev' (its options are tableSize)`,
    ]);
    expect(issues(web({ policy: 'random', bias: 1 }))).toEqual([
      `${at}.bias: 'bias' is not an option of 'random' (it takes none)`,
    ]);
    expect(issues(web({ policy: 'ring-hash', minRingSize: 2048, maxRingSize: 1024 }))).toEqual([
      `${at}.maxRingSize: expected at least minRingSize (2048), got 1024`,
    ]);
    expect(issues(web({ policy: 'least-request', bias: -1 }))).toEqual([`${at}.bias: expected a number >= 0, got -1`]);
    expect(issues(web({ policy: 'lest-request' }))).toEqual([
      `${at}.policy: unknown built-in balancing policy 'lest-request'; known: ${Object.keys(BALANCING_POLICIES).join(', ')}`,
    ]);
    expect(issues(web(5))).toEqual([
      `${at}: expected a balancing policy name, or an object such as { policy: 'least-request', choices: 3 }, got 5`,
    ]);
  });
});
