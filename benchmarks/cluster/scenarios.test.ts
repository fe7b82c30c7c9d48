import { parseQuantity } from '@berth/cluster';
import { describe, expect, it } from 'vitest';
import {
  CONTAINER_SHAPES,
  CONTAINERS_PER_BLOCK,
  FLEET_UTILISATION,
  HOST_SHAPES,
  HOSTS_PER_BLOCK,
  mixedFleetScenario,
  UNIFORM_HOST,
} from './mixedFleet.js';
import { runPlacement } from './runPlacement.js';
import { schedulingBasicScenario } from './schedulingBasic.js';

const amount = (resource: string, text: string): number => {
  const value = parseQuantity(resource, text);
  if (typeof value === 'string') throw new Error(value);
  return value;
};

describe('cluster benchmark scenarios', () => {
  it('place every container at its first attempt on every strategy', () => {
    expect(runPlacement(schedulingBasicScenario({ hosts: 20, containers: 60 }), 60).events).toBe(60);
    for (const strategy of ['best-fit', 'worst-fit', 'first-fit', 'most-allocated', 'least-allocated']) {
      for (const layout of ['uniform', 'mixed'] as const) {
        const run = runPlacement(mixedFleetScenario(20, strategy, layout), 200);
        expect(run).toMatchObject({ events: 200, attempts: 200 });
      }
    }
  });

  it('pack with best-fit and spread with worst-fit', () => {
    // 200 containers ask for 185 cpu: best-fit fills hosts of 16 cpu in turn; worst-fit touches all 20.
    expect(runPlacement(mixedFleetScenario(20, 'best-fit', 'uniform'), 200).hostsUsed).toBeLessThan(20);
    expect(runPlacement(mixedFleetScenario(20, 'worst-fit', 'uniform'), 200).hostsUsed).toBe(20);
  });

  it('throw when a container is left unplaced', () => {
    // 5 hosts × 40 containers of 100m fill 4 cpu each: the 201st cannot fit.
    expect(() => runPlacement(schedulingBasicScenario({ hosts: 5, containers: 201 }), 201)).toThrow(/200 placed/);
  });

  it('state the utilisation their shapes give', () => {
    const sum = (resource: 'cpu' | 'memory', shapes: typeof HOST_SHAPES | typeof CONTAINER_SHAPES) =>
      shapes.reduce((total, s) => total + s.perBlock * amount(resource, s[resource]), 0);
    expect(HOST_SHAPES.reduce((n, s) => n + s.perBlock, 0)).toBe(HOSTS_PER_BLOCK);
    expect(CONTAINER_SHAPES.reduce((n, s) => n + s.perBlock, 0)).toBe(CONTAINERS_PER_BLOCK);
    for (const resource of ['cpu', 'memory'] as const) {
      // 100 containers (5 blocks) per 10 hosts.
      const demand = 5 * sum(resource, CONTAINER_SHAPES);
      expect(demand / sum(resource, HOST_SHAPES)).toBeCloseTo(FLEET_UTILISATION.mixed[resource], 12);
      expect(demand / (10 * amount(resource, UNIFORM_HOST[resource]))).toBeCloseTo(
        FLEET_UTILISATION.uniform[resource],
        12,
      );
    }
  });

  it('refuse a host count that is not a whole number of blocks', () => {
    expect(() => mixedFleetScenario(15, 'best-fit', 'uniform')).toThrow(/multiple of 10/);
  });
});
