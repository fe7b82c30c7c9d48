import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../scenario/scenarioSchema.js';
import { createSimulation } from '../simulation/Simulation.js';
import { randomWalkUsage } from './randomWalkUsage.js';

const scenario: ScenarioInput = {
  seed: 1,
  hosts: [{ name: 'h', capacity: { cpu: '8', memory: '16Gi' } }],
  services: { app: { replicas: 3, template: { requests: { memory: '1Gi' } } } },
};

describe('randomWalkUsage', () => {
  it('gives each container the same walk whatever else was asked, and when', () => {
    const sim = createSimulation(scenario).run('1m');
    const [a, b] = [sim.container('app-0')!, sim.container('app-1')!];
    const one = randomWalkUsage(createRandom(7).stream('mem'));
    const two = randomWalkUsage(createRandom(7).stream('mem'));
    // Model one is asked about a and b minute by minute; model two about a only, at the end.
    let last = 0;
    for (let t = 0; t <= 30 * 60_000; t += 60_000) {
      last = one.usage(a, t);
      one.usage(b, t);
    }
    expect(two.usage(a, 30 * 60_000)).toBe(last);
    expect(one.usage(b, 30 * 60_000)).not.toBe(last);
  });

  it('starts at initial × request and stays within [min, max] × request', () => {
    const sim = createSimulation(scenario).run('1m');
    const c = sim.container('app-2')!;
    const model = randomWalkUsage(createRandom(3).stream('mem'), { initial: 0.5, step: 0.5, min: 0.25, max: 1.5 });
    expect(model.usage(c, 0)).toBe(512);
    for (let t = 0; t < 6 * 3_600_000; t += 60_000) {
      const u = model.usage(c, t);
      expect(u).toBeGreaterThanOrEqual(256);
      expect(u).toBeLessThanOrEqual(1536);
    }
  });
});
