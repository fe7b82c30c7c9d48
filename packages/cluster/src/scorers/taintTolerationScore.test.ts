import { createRandom } from '@berth/kernel';
import { describe, expect, it } from 'vitest';
import { Container } from '../containers/Container.js';
import { Host } from '../hosts/Host.js';
import type { Taint, Toleration } from '../hosts/Taint.js';
import { ResourceCatalog } from '../resources/ResourceCatalog.js';
import { containerTemplateSchema } from '../scenario/scenarioSchema.js';
import { buildContainerSpec } from '../simulation/buildContainerSpec.js';
import { ClusterState } from '../simulation/ClusterState.js';
import { taintTolerationScore } from './taintTolerationScore.js';

const resources = new ResourceCatalog();
const soft = (key: string, value?: string): Taint => ({ key, value, effect: 'PreferNoSchedule' });

/** Raw and normalised scores of one container over hosts carrying the given taints. */
function scores(taints: Taint[][], tolerations: Toleration[] = []): { raw: number[]; normalized: number[] } {
  const hosts = taints.map(
    (t, i) => new Host(i, `h${i}`, 'h', resources.fromRecord({ cpu: 1000, memory: 1024 }), 110, {}, t, 0),
  );
  const template = containerTemplateSchema.parse({ tolerations });
  const pod = new Container(0, buildContainerSpec('p', template, resources, new Map(), {}), 0);
  const cluster = new ClusterState(hosts, resources, createRandom(1).stream('s'));
  const scorer = taintTolerationScore();
  const state = scorer.createState!();
  expect(scorer.prepare?.(pod, cluster, undefined, state) ?? true).toBe(true);
  const s = Float64Array.from(hosts, (h) => scorer.score(pod, h, cluster, state));
  const raw = Array.from(s);
  scorer.normalize!(s, s.length, state);
  return { raw, normalized: Array.from(s) };
}

describe('TaintToleration score: count of intolerable PreferNoSchedule taints, reverse-normalised', () => {
  const hosts = [[], [soft('a')], [soft('a'), soft('b')], [{ key: 'c', effect: 'NoSchedule' } as Taint]];

  it.each([
    // raw 0, 1, 2, 0 (NoSchedule is the filter's business); max 2:
    // 100 − 100·0/2 = 100, 100 − 100·1/2 = 50, 100 − 100 = 0, 100
    { row: 'no tolerations', tolerations: [], raw: [0, 1, 2, 0], want: [100, 50, 0, 100] },
    // 'a' tolerated: raw 0, 0, 1, 0; max 1 → 100, 100, 0, 100
    {
      row: 'tolerates a',
      tolerations: [{ key: 'a', operator: 'Exists' }],
      raw: [0, 0, 1, 0],
      want: [100, 100, 0, 100],
    },
    // a NoSchedule toleration does not cover PreferNoSchedule: as with none
    {
      row: 'tolerates a for NoSchedule only',
      tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }],
      raw: [0, 1, 2, 0],
      want: [100, 50, 0, 100],
    },
    // empty key with Exists tolerates everything: raw all 0 → reverse of all-zero is all 100
    {
      row: 'tolerates everything',
      tolerations: [{ operator: 'Exists' }],
      raw: [0, 0, 0, 0],
      want: [100, 100, 100, 100],
    },
    // Equal with the wrong value does not tolerate 'a' (whose value is empty): as with none
    { row: 'wrong value', tolerations: [{ key: 'a', value: 'x' }], raw: [0, 1, 2, 0], want: [100, 50, 0, 100] },
  ] as const)('$row', ({ tolerations, raw, want }) => {
    const got = scores(hosts, [...tolerations]);
    expect(got.raw).toEqual(raw);
    expect(got.normalized).toEqual(want);
  });

  it('truncates the scaled count before reversing', () => {
    // raw 0, 1, 3; max 3: 100·1/3 = 33.3 → 33 → 67; 100·3/3 = 100 → 0
    const got = scores([[], [soft('a')], [soft('a'), soft('b'), soft('c')]]);
    expect(got.normalized).toEqual([100, 67, 0]);
  });

  it('matches values with the Equal operator', () => {
    // taint a=1 tolerated by a=1 (Equal is the default operator); a=2 is not: raw 0, 1 → 100, 0
    const got = scores([[soft('a', '1')], [soft('a', '2')]], [{ key: 'a', value: '1' }]);
    expect(got.normalized).toEqual([100, 0]);
  });
});
