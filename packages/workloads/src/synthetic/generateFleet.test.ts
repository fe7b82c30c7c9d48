import { describe, expect, it } from 'vitest';
import { generateFleet } from './generateFleet.js';

describe('generateFleet', () => {
  it('gives each counted shape a group', () => {
    expect(
      generateFleet({
        shapes: [
          { name: 'small', count: 3, capacity: { cpu: '4', memory: '16Gi' } },
          { name: 'gpu', count: 1, capacity: { cpu: '32', memory: '256Gi', gpu: 8 }, labels: { accel: 'yes' } },
        ],
      }),
    ).toEqual([
      { group: 'small', count: 3, capacity: { cpu: '4', memory: '16Gi' } },
      { group: 'gpu', count: 1, capacity: { cpu: '32', memory: '256Gi', gpu: 8 }, labels: { accel: 'yes' } },
    ]);
  });

  it('shares a total by largest remainder and spreads each shape over zones', () => {
    // 10 hosts at weights 2:1: quotas 6.67 and 3.33 → 7 and 3.
    const fleet = generateFleet({
      total: 10,
      zones: ['a', 'b', 'c'],
      shapes: [
        { name: 'm', weight: 2, capacity: { cpu: '4', memory: '8Gi' } },
        { name: 'l', weight: 1, capacity: { cpu: '8', memory: '16Gi' } },
      ],
    });
    expect(fleet.map((g) => [g.group, g.count, g.labels?.['topology.kubernetes.io/zone']])).toEqual([
      // 7 over 3 zones: 3, 2, 2.
      ['m-a', 3, 'a'],
      ['m-b', 2, 'b'],
      ['m-c', 2, 'c'],
      // 3 over 3 zones: 1 each.
      ['l-a', 1, 'a'],
      ['l-b', 1, 'b'],
      ['l-c', 1, 'c'],
    ]);
  });

  it('rotates remainders between shapes', () => {
    const fleet = generateFleet({
      zones: ['a', 'b'],
      shapes: [
        { name: 'x', count: 1, capacity: { cpu: '1' } },
        { name: 'y', count: 1, capacity: { cpu: '1' } },
      ],
    });
    expect(fleet.map((g) => g.group)).toEqual(['x-a', 'y-b']);
  });

  it('refuses contradictory shapes', () => {
    expect(() => generateFleet({ shapes: [] })).toThrow(/shapes/);
    expect(() => generateFleet({ shapes: [{ name: 'x', capacity: {} }] })).toThrow(/count or weight/);
    expect(() => generateFleet({ shapes: [{ name: 'x', weight: 1, capacity: {} }] })).toThrow(/total/);
    expect(() =>
      generateFleet({
        shapes: [
          { name: 'x', count: 1, capacity: {} },
          { name: 'x', count: 1, capacity: {} },
        ],
      }),
    ).toThrow(/duplicate/);
  });
});
