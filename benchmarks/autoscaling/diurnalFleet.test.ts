import { parseScenario } from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import { diurnalScenario, replicasAt } from './diurnalFleet.js';

const SIZE = { services: 20, trough: 10, peak: 38, days: 1, maxHosts: 100 };
const HOUR = 3_600_000;

describe('the diurnal fleet', () => {
  it('peaks at 14:00 and bottoms out at 02:00 (the first service; the others up to an hour later)', () => {
    expect(replicasAt(SIZE, 0, 14 * HOUR)).toBe(38);
    expect(replicasAt(SIZE, 0, 2 * HOUR)).toBe(10);
    expect(replicasAt(SIZE, 19, 14 * HOUR + 0.95 * HOUR)).toBe(38);
  });

  it('gives the static fleet room for the peak, and every fleet parses', () => {
    let peak = 0;
    for (let t = 0; t < 24 * HOUR; t += 15 * 60_000) {
      let cpu = 0;
      for (let i = 0; i < SIZE.services; i++) cpu += replicasAt(SIZE, i, t);
      peak = Math.max(peak, cpu);
    }
    // 1-cpu replicas on 8-cpu hosts: the static fleet's 101 hosts hold 808.
    expect(peak).toBeLessThanOrEqual(8 * (SIZE.maxHosts + 1));
    for (const kind of ['static', 'cluster-autoscaler', 'provisioner'] as const) {
      expect(() => parseScenario(diurnalScenario(SIZE, kind))).not.toThrow();
    }
  });
});
