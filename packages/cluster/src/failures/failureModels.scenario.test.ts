import { ConfigError } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { atPath } from '../scenario/atPath.js';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { randomHostFailures } from './randomHostFailures.js';

const base: ScenarioInput = {
  horizon: '1h',
  hosts: [{ group: 'n', count: 2, capacity: { cpu: '4', memory: '8Gi' } }],
};

function issues(failures: unknown): string[] {
  try {
    createSimulation({ ...base, failures } as ScenarioInput);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
  throw new Error('expected a ConfigError');
}

const mttr = { dist: 'constant', value: '1m' } as const;

describe("a scenario's failure models are checked with the scenario, by path", () => {
  // Issue 15: shape 1e-300 drew Infinity at run time, an internal error (exit 2).
  it.each([
    [{ dist: 'weibull', scale: '1h', shape: 1e-300 }, 'failures[0].mtbf.shape: expected a number >= 0.01, got 1e-300'],
    [{ dist: 'lognormal', mean: '1h', cv: 1e300 }, 'failures[0].mtbf.cv: expected a number <= 1000, got 1e+300'],
    [{ dist: 'exponential', mean: 0 }, 'failures[0].mtbf.mean: expected a duration > 0'],
    [
      { dist: 'constant', value: '0s' },
      'failures[0].mtbf.value: expected a time between failures above 0 (failures 0 apart would repeat at one instant forever)',
    ],
    [
      { dist: 'uniform', min: '2h', max: '1h' },
      'failures[0].mtbf.max: expected max >= min (7200000 ms), got 3600000 ms',
    ],
    [
      { dist: 'exponential', mean: 'soon' },
      "failures[0].mtbf.mean: expected a duration such as '250ms', '10s', '5m' or '2h', got 'soon'",
    ],
  ])('mtbf %o', (mtbf, message) => {
    expect(issues([{ model: 'host-failures', mtbf, mttr }])).toEqual([message]);
  });

  // Issue 15: these errors said `groups[0]`, `service`, `until`, without `failures[i].`.
  it('names what the models name that the scenario lacks', () => {
    const mtbf = { dist: 'exponential', mean: '1h' };
    expect(
      issues([
        { model: 'host-failures', groups: ['n', 'x'], mtbf, mttr },
        { model: 'container-crashes', service: 'web', mtbf, until: 'soon' },
      ]),
    ).toEqual([
      "failures[0].groups[1]: no host group named 'x'; groups: n",
      "failures[1].service: no service named 'web'",
      "failures[1].until: expected a duration such as '250ms', '10s', '5m' or '2h', got 'soon'",
    ]);
    expect(issues([{ model: 'container-crashes', service: 'web', mtbf }])).toEqual([
      "failures[0].service: no service named 'web'",
    ]);
  });

  it('a weibull with the smallest shape allowed draws finite times', () => {
    const sim = createSimulation({
      ...base,
      failures: [{ model: 'host-failures', mtbf: { dist: 'weibull', scale: '1h', shape: 0.01 }, mttr }],
    });
    expect(() => sim.run('1d')).not.toThrow();
  });
});

describe('atPath', () => {
  it("puts the part's place before the paths of a ConfigError its own API throws", () => {
    const sim = createSimulation(base);
    const model = randomHostFailures({
      groups: ['x'],
      mtbf: { name: 'c', mean: 1, sample: () => 1 },
      mttr: { name: 'c', mean: 1, sample: () => 1 },
    });
    expect(() => atPath('failures[3]', () => model.attach(sim))).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'failures[3].groups[0]' })] }),
    );
    expect(() =>
      atPath('x', () => {
        throw new TypeError('a bug');
      }),
    ).toThrow(TypeError);
  });
});
